/** Injection token of the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** The server secret (also signs tokens); the browser's CSRF tokens are HMACs keyed by it. */
export const SERVER_SECRET = Symbol('SERVER_SECRET');
