import { Foundation1763700000000 } from './1763700000000-Foundation';

/** Migrations in order. Never edit a committed migration: add a new one. */
export const MIGRATIONS = [Foundation1763700000000];
