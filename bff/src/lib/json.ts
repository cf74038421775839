/** A flat JSON object, as stored in simple-json columns. */
export type JsonRecord = { [key: string]: string | number | boolean | null };
