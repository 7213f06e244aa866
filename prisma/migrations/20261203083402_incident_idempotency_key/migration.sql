-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "idempotencyKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Incident_declaredBy_idempotencyKey_key" ON "Incident"("declaredBy", "idempotencyKey");
