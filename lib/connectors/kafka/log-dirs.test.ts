import { describe, expect, it } from "vitest";
import { decodeApiVersions } from "./api-versions";
import { decodeResponse, encodeBody } from "./log-dirs";
import { frameRequest } from "./raw-request";

function response(): Buffer {
  const parts: Buffer[] = [];
  const int16 = (n: number) => { const b = Buffer.alloc(2); b.writeInt16BE(n); parts.push(b); };
  const int32 = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); parts.push(b); };
  const int64 = (n: number) => { const b = Buffer.alloc(8); b.writeBigInt64BE(BigInt(n)); parts.push(b); };
  const string = (s: string) => { int16(Buffer.byteLength(s)); parts.push(Buffer.from(s)); };
  int32(0); // throttle
  int32(2); // dirs
  int16(0); string("/data/kafka"); int32(1); string("market-data"); int32(2);
  int32(1); int64(3_000); int64(0); parts.push(Buffer.from([0]));
  int32(0); int64(1_000); int64(0); parts.push(Buffer.from([0]));
  int16(56); string("/data/broken\u0007"); int32(0);
  return Buffer.concat(parts);
}

describe("DescribeLogDirs v1 and ApiVersions v0 encoding", () => {
  it("frames the request: size, api key 35, version 1, correlation id, client id, all topics", () => {
    const request = frameRequest(35, 1, 7, "console", encodeBody());
    expect(request.readInt32BE(0)).toBe(request.length - 4);
    expect([request.readInt16BE(4), request.readInt16BE(6), request.readInt32BE(8)]).toEqual([35, 1, 7]);
    expect(request.toString("utf8", 14, 21)).toBe("console");
    expect(request.readInt32BE(21)).toBe(-1);
  });

  it("reads dirs, partition sizes and a storage error; names made printable", () => {
    const dirs = decodeResponse(1, response());
    expect(dirs[0]).toMatchObject({ broker: 1, path: "/data/kafka", error: null, size: 4_000 });
    expect(dirs[0]!.partitions.map((entry) => [entry.partition, entry.size])).toEqual([[0, 1_000], [1, 3_000]]);
    expect(dirs[1]).toMatchObject({ path: "/data/broken\uFFFD", error: "KAFKA_STORAGE_ERROR", partitions: [] });
  });

  it("refuses a truncated response instead of reading past it", () => {
    expect(() => decodeResponse(1, response().subarray(0, 30))).toThrow(/truncated/);
  });

  it("reads ApiVersions: error code, then [key, min, max] per API", () => {
    const body = Buffer.alloc(2 + 4 + 12);
    body.writeInt16BE(0, 0);
    body.writeInt32BE(2, 2);
    [3, 0, 12, 0, 0, 9].forEach((value, index) => body.writeInt16BE(value, 6 + index * 2));
    expect(decodeApiVersions(body)).toEqual([
      { apiKey: 0, minVersion: 0, maxVersion: 9 },
      { apiKey: 3, minVersion: 0, maxVersion: 12 },
    ]);
    body.writeInt16BE(35, 0);
    expect(() => decodeApiVersions(body)).toThrow(/error 35/);
  });
});
