import "server-only";
import { deletePod } from "./delete-pod";
import { helmRollbackOperation } from "./helm-rollback";
import { restartMonitoring } from "./restart-monitoring";
import { rolloutRestart } from "./rollout-restart";
import { rolloutUndo } from "./rollout-undo";
import { scale } from "./scale";
import { setImage } from "./set-image";
import type { AnyOperation, OperationKind } from "./types";

/** Every operation by kind: a new kind fails to compile until it is listed here. */
export const OPERATIONS: Record<OperationKind, AnyOperation> = {
  "rollout-restart": rolloutRestart,
  "delete-pod": deletePod,
  scale,
  "set-image": setImage,
  "rollout-undo": rolloutUndo,
  "helm-rollback": helmRollbackOperation,
  "restart-monitoring": restartMonitoring,
};
