import type { Attachment } from './attachment.entity';

/** One kind of attached file: its table, what it is attached to, where its bytes go, its limit and how users call it. */
export interface AttachmentKind<T extends Attachment> {
  /** The entity (table) of this kind. */
  entity: new () => T;
  /** The property naming what a file is attached to (the owner's id). */
  owner: keyof T & string;
  /** The folder of the data directory its bytes are stored under (then by year). */
  folder: string;
  /** The largest upload accepted, in bytes. */
  maxBytes: number;
  /** The file as the refusal of a wrong type names it ("Chỉ nhận … dạng …"). */
  what: string;
  /** The thing and the route parameter a 404 names when no such file is attached there. */
  notFound: { what: string; field: string };
  /** The 500 message when the stored bytes are gone or no longer match their hash. */
  missing: string;
}
