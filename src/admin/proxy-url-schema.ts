import { z } from 'zod';
import { parseProxyUrl } from '../upstream/proxy-url.js';

/** A proxy URL field: http, https or socks5, optional `user:pass@`; the 400 says what is wrong with it. */
export const proxyUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .superRefine((value, context) => {
    try {
      parseProxyUrl(value);
    } catch (error) {
      context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'is not a proxy URL' });
    }
  });
