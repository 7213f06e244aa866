-- CreateTable
CREATE TABLE "Operation" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "preview" JSONB,
    "priorState" JSONB,
    "outcome" TEXT NOT NULL DEFAULT 'running',
    "result" JSONB,
    "verification" JSONB,
    "actorId" TEXT,
    "actor" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "undoOf" TEXT,
    "runId" TEXT,
    "step" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Operation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Operation_idempotencyKey_key" ON "Operation"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Operation_incidentId_createdAt_idx" ON "Operation"("incidentId", "createdAt");

-- AddForeignKey
ALTER TABLE "Operation" ADD CONSTRAINT "Operation_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
