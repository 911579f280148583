/** The site's Content-Security-Policy: see csp.mjs. */
export declare const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>>;
export declare const CSP: string;
