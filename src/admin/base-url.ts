import { z } from 'zod';

/** An absolute http(s) URL without credentials; stored without a trailing slash. */
export const baseUrlSchema = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must be an absolute http:// or https:// URL without embedded credentials')
  .transform((value) => value.replace(/\/+$/, ''));
