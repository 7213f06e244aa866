-- CreateTable
CREATE TABLE "HealthPanelProbe" (
    "panel" TEXT NOT NULL,
    "claimNo" BIGINT NOT NULL DEFAULT 0,
    "claimedBy" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,
    "result" JSONB,
    "resultNo" BIGINT,

    CONSTRAINT "HealthPanelProbe_pkey" PRIMARY KEY ("panel")
);
