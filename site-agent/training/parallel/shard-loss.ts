/**
 * Losses whose batch value is the mean of per-sample values, so the mean of
 * shards' losses weighted by their sizes is the batch's loss, and the same
 * holds for their gradients: what data-parallel training needs. Soft Dice
 * sums over the whole batch first, so it is not among them.
 */
export const SHARDABLE_LOSSES = new Set(['categoricalCrossentropy', 'binaryCrossentropy', 'meanSquaredError', 'focal']);
