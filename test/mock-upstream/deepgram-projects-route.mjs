// GET /v1/projects: the projects Deepgram's key belongs to (https://developers.deepgram.com/reference/manage/projects/list),
// the free call the gateway's connection test makes.

import { sendJson } from './send-reply.mjs';

/** @typedef {import('./find-route.mjs').Route} Route */

/** @type {Route} */
export const deepgramProjectsRoute = {
  format: 'deepgram',
  auth: 'deepgram',
  handle(context) {
    sendJson(context, 200, { projects: [{ project_id: 'mock-project-0001', name: 'Mock project' }] });
  },
};
