import { history } from "./history";
import { status } from "./status";

/** The Helm checks (Deployment Failures): `helm status` and `helm history`. */
export const helmChecks = [status, history];
