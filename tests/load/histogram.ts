/**
 * A latency histogram with about 1% precision from 0.01 ms to two minutes. Buckets are plain numbers, so
 * histograms from several generator processes merge by adding them up.
 */
const smallest = 0.01;
const growth = 1.01;
const bucketCount = 1700;
const logGrowth = Math.log(growth);

export interface HistogramData {
  buckets: number[];
  count: number;
  sum: number;
  max: number;
}

export class Histogram {
  buckets = new Array<number>(bucketCount).fill(0);
  count = 0;
  sum = 0;
  max = 0;

  /** Records one value in milliseconds. */
  record(ms: number) {
    const value = Math.max(ms, smallest);
    const index = Math.min(bucketCount - 1, Math.ceil(Math.log(value / smallest) / logGrowth));
    this.buckets[index]! += 1;
    this.count += 1;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  merge(other: HistogramData) {
    for (let index = 0; index < bucketCount; index += 1) this.buckets[index]! += other.buckets[index] ?? 0;
    this.count += other.count;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
  }

  /** The value at or below which `p` percent of the recorded values fall (the bucket's upper edge). */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let index = 0; index < bucketCount; index += 1) {
      seen += this.buckets[index]!;
      if (seen >= rank) return Math.min(this.max, smallest * growth ** index);
    }
    return this.max;
  }

  mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  toJSON(): HistogramData {
    return { buckets: this.buckets, count: this.count, sum: this.sum, max: this.max };
  }

  static from(data: HistogramData): Histogram {
    const histogram = new Histogram();
    histogram.merge(data);
    return histogram;
  }
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
export function clockMs(): number {
  return performance.timeOrigin + performance.now();
}
