/** Where the demo's vite server mounts the reference server (see vite.config.ts). */
export const API_PATH = '/api';
/** Answers once the reference server is ready; the first call prepares it (takes seconds). */
export const READY_PATH = '/__demo/reference-server';
