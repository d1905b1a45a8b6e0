// Both structure checks. Each lives in its own module with its generated validator (175 and 378 kB
// of code), so that loadSpec imports only the one a document needs: compiling the other cost a
// one-shot command ~5 ms.
export { validateStructure } from './structure-api.js';
export { validateServiceJsonStructure } from './structure-service.js';
