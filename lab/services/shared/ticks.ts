/**
 * The pipeline's tick shapes, from the vendor feed to the ClickHouse row.
 *
 *   market-data       RawTick         (vendor format: short names, price as text)
 *   normalized-ticks  NormalizedTick  (typed, canonical symbol and venue)
 *   market_ticks      MarketTickRow   (enriched; what ClickHouse stores)
 */
export interface RawTick {
  sym: string;
  px: string;
  qty: number;
  ts: number; // epoch milliseconds
  venue: string;
}

export interface NormalizedTick {
  symbol: string;
  price: number;
  volume: number;
  ts: number;
  source: string;
}

export interface MarketTickRow {
  symbol: string;
  price: number;
  volume: number;
  /** 'YYYY-MM-DD hh:mm:ss' UTC: ClickHouse 18.16 does not parse ISO-8601 by default */
  ts: string;
  source: string;
}

/** Instruments the lab feed quotes: carbon allowances and energy, with a reference price. */
export const INSTRUMENTS: Record<string, { reference: number; sector: string; currency: string }> = {
  EUA: { reference: 68.4, sector: "carbon", currency: "EUR" },
  UKA: { reference: 36.9, sector: "carbon", currency: "GBP" },
  CCA: { reference: 29.1, sector: "carbon", currency: "USD" },
  RGGI: { reference: 21.6, sector: "carbon", currency: "USD" },
  TTF: { reference: 34.2, sector: "gas", currency: "EUR" },
  BRENT: { reference: 78.5, sector: "oil", currency: "USD" },
  NBP: { reference: 85.3, sector: "gas", currency: "GBP" },
  PJMW: { reference: 52.7, sector: "power", currency: "USD" },
};

export const toClickHouseDateTime = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 19).replace("T", " ");
