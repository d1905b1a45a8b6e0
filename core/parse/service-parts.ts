import type { Info } from '../ir.js';
import { asObject, asString, isObject, setOptional } from './read.js';

/** Sorts named elements by name, as API Builder's normalized form does. */
export function byName<T extends { name: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function readInfo(value: unknown): Info {
  // Some older service.json exports write `"info": []`, which means no info.
  const json = Array.isArray(value) ? {} : asObject(value);
  const info: Info = {};
  if (isObject(json.contact)) {
    const contact: NonNullable<Info['contact']> = {};
    setOptional(contact, 'name', asString(json.contact.name));
    setOptional(contact, 'url', asString(json.contact.url));
    setOptional(contact, 'email', asString(json.contact.email));
    info.contact = contact;
  }
  if (isObject(json.license)) {
    const license: NonNullable<Info['license']> = { name: asString(json.license.name) ?? '' };
    setOptional(license, 'url', asString(json.license.url));
    info.license = license;
  }
  return info;
}
