import { createContext } from "react";

/** The Content-Security-Policy nonce for inline scripts; known only while rendering on the server. */
export const CspNonce = createContext<string | undefined>(undefined);
