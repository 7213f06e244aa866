-- CreateTable
CREATE TABLE "DiagnosisRun" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "procedure" TEXT NOT NULL,
    "procedureVersion" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'active',
    "nextStep" TEXT,
    "nextReason" TEXT,
    "startedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DiagnosisRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiagnosisStepResult" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "verdict" TEXT,
    "summary" TEXT,
    "data" JSONB,
    "params" JSONB,
    "answer" TEXT,
    "branchTo" TEXT,
    "branchReason" TEXT,
    "offPathFrom" TEXT,
    "offPathReason" TEXT,
    "durationMs" INTEGER,
    "ranBy" TEXT NOT NULL,
    "ranById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "timelineEventId" BIGINT,

    CONSTRAINT "DiagnosisStepResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DiagnosisRun_incidentId_createdAt_idx" ON "DiagnosisRun"("incidentId", "createdAt");

-- CreateIndex
CREATE INDEX "DiagnosisStepResult_runId_id_idx" ON "DiagnosisStepResult"("runId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "DiagnosisStepResult_runId_step_attempt_key" ON "DiagnosisStepResult"("runId", "step", "attempt");

-- AddForeignKey
ALTER TABLE "DiagnosisRun" ADD CONSTRAINT "DiagnosisRun_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiagnosisStepResult" ADD CONSTRAINT "DiagnosisStepResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "DiagnosisRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
