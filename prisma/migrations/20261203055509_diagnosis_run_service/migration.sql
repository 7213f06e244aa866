-- AlterTable
ALTER TABLE "DiagnosisRun" ADD COLUMN     "service" TEXT;
