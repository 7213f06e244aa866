import { datasources } from "./datasources";

export const grafanaChecks = [datasources];
