import { certificate } from "./certificate";

export const tlsChecks = [certificate];
