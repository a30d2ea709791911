/** Injection token of the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** The server secret (also signs tokens); the browser's CSRF tokens are HMACs keyed by it. */
export const SERVER_SECRET = Symbol('SERVER_SECRET');

/** The keys derived from the server key (ServerKeys): audit chain, MFA secrets, device cookies. */
export const SERVER_KEYS = Symbol('SERVER_KEYS');
