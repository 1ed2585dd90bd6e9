// Training kernels for tfjs-backend-wasm, in 128-bit WebAssembly SIMD.
//
// tfjs-backend-wasm ships XNNPACK's forward convolution, but the gradients a
// CNN needs either run as plain loops, go through transposes and padding
// that cost more than the convolution itself, or (max pooling) are written
// in JavaScript. These replace the hot ones; scripts/gen-kernels.mjs
// compiles this file with clang's wasm32 target into kernels/gen.
//
// The module imports tfjs's own linear memory and every pointer is a tfjs
// tensor's address in it, so tensors are read and written in place. That is
// only safe because nothing here has a stack frame in memory or static data
// (the build script refuses a module that has either): tfjs's allocator owns
// every byte.
//
// All tensors are float32, channels last (NHWC, NDHWC); filters are
// [(depth,) height, width, in channels, out channels], as in tfjs.

#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name))) void name

static int max_int(int a, int b) { return a > b ? a : b; }
static int min_int(int a, int b) { return a < b ? a : b; }

// The first index i ≥ 0 with i·stride + offset ≥ 0, i.e. ⌈−offset / stride⌉ clamped at 0.
static int first_inside(int offset, int stride) { return offset >= 0 ? 0 : (-offset + stride - 1) / stride; }

// One past the last index i with i·stride + offset < limit, clamped to [0, count].
static int end_inside(int offset, int stride, int limit, int count) {
  if (offset >= limit) return 0;
  return min_int(count, (limit - 1 - offset) / stride + 1);
}

static void zero(float *out, int length) {
  for (int i = 0; i < length; i++) out[i] = 0.0f;
}

// MaxPoolGrad, as on tfjs's cpu backend: each window's gradient goes to its
// first maximum in row-major order, padding never wins, and the gradients of
// overlapping windows add up. Four channels at a time: a first pass finds
// each lane's maximum, a second hands the gradient to the first position
// that equals it. A NaN maximum can only be the first position (NaN never
// compares greater), so that lane's gradient goes there, as on cpu.
EXPORT(max_pool_grad)(const float *x, const float *dy, float *dx, int batch, int in_h, int in_w, int channels, int out_h, int out_w,
                      int stride_h, int stride_w, int filter_h, int filter_w, int pad_top, int pad_left) {
  zero(dx, batch * in_h * in_w * channels);
  const int vector_channels = channels & ~3;
  for (int b = 0; b < batch; b++) {
    const float *xb = x + b * in_h * in_w * channels;
    float *dxb = dx + b * in_h * in_w * channels;
    for (int oh = 0; oh < out_h; oh++) {
      const int h0 = oh * stride_h - pad_top;
      const int kh_begin = max_int(0, -h0), kh_end = min_int(filter_h, in_h - h0);
      for (int ow = 0; ow < out_w; ow++) {
        const int w0 = ow * stride_w - pad_left;
        const int kw_begin = max_int(0, -w0), kw_end = min_int(filter_w, in_w - w0);
        if (kh_begin >= kh_end || kw_begin >= kw_end) continue;
        const float *g = dy + ((b * out_h + oh) * out_w + ow) * channels;
        const int first = ((h0 + kh_begin) * in_w + w0 + kw_begin) * channels;
        for (int c = 0; c < vector_channels; c += 4) {
          v128_t best = wasm_v128_load(xb + first + c);
          for (int kh = kh_begin; kh < kh_end; kh++)
            for (int kw = kw_begin; kw < kw_end; kw++) {
              const v128_t v = wasm_v128_load(xb + ((h0 + kh) * in_w + w0 + kw) * channels + c);
              best = wasm_v128_bitselect(v, best, wasm_f32x4_gt(v, best));
            }
          const v128_t gradient = wasm_v128_load(g + c);
          v128_t taken = wasm_f32x4_ne(best, best);
          float *target = dxb + first + c;
          wasm_v128_store(target, wasm_f32x4_add(wasm_v128_load(target), wasm_v128_and(gradient, taken)));
          for (int kh = kh_begin; kh < kh_end; kh++)
            for (int kw = kw_begin; kw < kw_end; kw++) {
              const int at = ((h0 + kh) * in_w + w0 + kw) * channels + c;
              const v128_t wins = wasm_v128_andnot(wasm_f32x4_eq(wasm_v128_load(xb + at), best), taken);
              wasm_v128_store(dxb + at, wasm_f32x4_add(wasm_v128_load(dxb + at), wasm_v128_and(gradient, wins)));
              taken = wasm_v128_or(taken, wins);
            }
        }
        for (int c = vector_channels; c < channels; c++) {
          int best_at = first + c;
          for (int kh = kh_begin; kh < kh_end; kh++)
            for (int kw = kw_begin; kw < kw_end; kw++) {
              const int at = ((h0 + kh) * in_w + w0 + kw) * channels + c;
              if (xb[at] > xb[best_at]) best_at = at;
            }
          dxb[best_at] += g[c];
        }
      }
    }
  }
}

// dw[ci, co] += Σ_i x[i·x_step + ci] · dy[i·dy_step + co] over `count` pixels,
// for a block of `rows` (4 or 1, a constant after inlining, so the
// accumulators are registers, never memory) input channels and 8 output
// channels held across the pixels.
static inline __attribute__((always_inline)) void accumulate_block_8(const float *x, int x_step, const float *dy, int dy_step, int count, float *dw, int out_c, int rows) {
  v128_t acc[4][2];
  for (int r = 0; r < rows; r++) {
    acc[r][0] = wasm_v128_load(dw + r * out_c);
    acc[r][1] = wasm_v128_load(dw + r * out_c + 4);
  }
  for (int i = 0; i < count; i++) {
    const v128_t d0 = wasm_v128_load(dy + i * dy_step), d1 = wasm_v128_load(dy + i * dy_step + 4);
    for (int r = 0; r < rows; r++) {
      const v128_t v = wasm_v128_load32_splat(x + i * x_step + r);
      acc[r][0] = wasm_f32x4_add(acc[r][0], wasm_f32x4_mul(v, d0));
      acc[r][1] = wasm_f32x4_add(acc[r][1], wasm_f32x4_mul(v, d1));
    }
  }
  for (int r = 0; r < rows; r++) {
    wasm_v128_store(dw + r * out_c, acc[r][0]);
    wasm_v128_store(dw + r * out_c + 4, acc[r][1]);
  }
}

// The same for 4 output channels.
static inline __attribute__((always_inline)) void accumulate_block_4(const float *x, int x_step, const float *dy, int dy_step, int count, float *dw, int out_c, int rows) {
  v128_t acc[4];
  for (int r = 0; r < rows; r++) acc[r] = wasm_v128_load(dw + r * out_c);
  for (int i = 0; i < count; i++) {
    const v128_t d = wasm_v128_load(dy + i * dy_step);
    for (int r = 0; r < rows; r++) acc[r] = wasm_f32x4_add(acc[r], wasm_f32x4_mul(wasm_v128_load32_splat(x + i * x_step + r), d));
  }
  for (int r = 0; r < rows; r++) wasm_v128_store(dw + r * out_c, acc[r]);
}

// Every output channel of a block of `rows` input channels.
static inline __attribute__((always_inline)) void accumulate_channels(const float *xs, int x_step, const float *ds, int count, float *dw, int out_c, int rows) {
  int co = 0;
  for (; co + 8 <= out_c; co += 8) accumulate_block_8(xs, x_step, ds + co, out_c, count, dw + co, out_c, rows);
  for (; co + 4 <= out_c; co += 4) accumulate_block_4(xs, x_step, ds + co, out_c, count, dw + co, out_c, rows);
  for (; co < out_c; co++)
    for (int r = 0; r < rows; r++) {
      float sum = dw[r * out_c + co];
      for (int i = 0; i < count; i++) sum += xs[i * x_step + r] * ds[i * out_c + co];
      dw[r * out_c + co] = sum;
    }
}

// Conv3DBackpropFilterV2 without dilation (and Conv2DBackpropFilter, as a
// volume one voxel deep):
//   dw[kd, kh, kw, ci, co] = Σ_{b, od, oh, ow} x[b, od·sd + kd − front, oh·sh + kh − top, ow·sw + kw − left, ci] · dy[b, od, oh, ow, co]
// One output row of dy and the input rows it reads stay in the first-level
// cache while every tap's block of dw is accumulated from them; each block
// of 4 input × 8 output channels is held in registers across the row.
EXPORT(conv3d_filter_grad)(const float *x, const float *dy, float *dw, int batch, int in_d, int in_h, int in_w, int in_c, int out_d, int out_h,
                           int out_w, int out_c, int stride_d, int stride_h, int stride_w, int filter_d, int filter_h, int filter_w, int pad_front,
                           int pad_top, int pad_left) {
  zero(dw, filter_d * filter_h * filter_w * in_c * out_c);
  const int x_step = stride_w * in_c;
  for (int b = 0; b < batch; b++)
    for (int od = 0; od < out_d; od++)
      for (int oh = 0; oh < out_h; oh++) {
        const float *dy_row = dy + ((b * out_d + od) * out_h + oh) * out_w * out_c;
        for (int kd = 0; kd < filter_d; kd++) {
          const int d = od * stride_d - pad_front + kd;
          if (d < 0 || d >= in_d) continue;
          for (int kh = 0; kh < filter_h; kh++) {
            const int h = oh * stride_h - pad_top + kh;
            if (h < 0 || h >= in_h) continue;
            const float *x_row = x + ((b * in_d + d) * in_h + h) * in_w * in_c;
            for (int kw = 0; kw < filter_w; kw++) {
              const int offset = kw - pad_left;
              const int ow_begin = first_inside(offset, stride_w), ow_end = end_inside(offset, stride_w, in_w, out_w);
              const int count = ow_end - ow_begin;
              if (count <= 0) continue;
              const float *xs = x_row + (ow_begin * stride_w + offset) * in_c;
              const float *ds = dy_row + ow_begin * out_c;
              float *dw_k = dw + ((kd * filter_h + kh) * filter_w + kw) * in_c * out_c;
              int ci = 0;
              for (; ci + 4 <= in_c; ci += 4) accumulate_channels(xs + ci, x_step, ds, count, dw_k + ci * out_c, out_c, 4);
              for (; ci < in_c; ci++) accumulate_channels(xs + ci, x_step, ds, count, dw_k + ci * out_c, out_c, 1);
            }
          }
        }
      }
}

// dest[0..n) += Σ_j src[j] · m[j·n + 0..n): one vector through one tap's
// matrix, with up to 16 of dest's values in registers across j.
static void vector_matrix(float *dest, const float *src, const float *m, int rows, int n) {
  int c = 0;
  for (; c + 16 <= n; c += 16) {
    v128_t a0 = wasm_v128_load(dest + c), a1 = wasm_v128_load(dest + c + 4), a2 = wasm_v128_load(dest + c + 8), a3 = wasm_v128_load(dest + c + 12);
    for (int j = 0; j < rows; j++) {
      const v128_t s = wasm_v128_load32_splat(src + j);
      const float *mj = m + j * n + c;
      a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(s, wasm_v128_load(mj)));
      a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(s, wasm_v128_load(mj + 4)));
      a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(s, wasm_v128_load(mj + 8)));
      a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(s, wasm_v128_load(mj + 12)));
    }
    wasm_v128_store(dest + c, a0);
    wasm_v128_store(dest + c + 4, a1);
    wasm_v128_store(dest + c + 8, a2);
    wasm_v128_store(dest + c + 12, a3);
  }
  for (; c + 4 <= n; c += 4) {
    v128_t a = wasm_v128_load(dest + c);
    for (int j = 0; j < rows; j++) a = wasm_f32x4_add(a, wasm_f32x4_mul(wasm_v128_load32_splat(src + j), wasm_v128_load(m + j * n + c)));
    wasm_v128_store(dest + c, a);
  }
  for (; c < n; c++) {
    float a = dest[c];
    for (int j = 0; j < rows; j++) a += src[j] * m[j * n + c];
    dest[c] = a;
  }
}

// Runs `body` with out_at (the output voxel), in_at (the input voxel) and tap
// (the filter tap) for every pair of output voxel and tap that reads inside
// the input; the forward convolution and its input gradient are sums over
// exactly these. The function's parameters name the geometry.
#define FOR_EACH_TAP_3D(body) \
  for (int b = 0; b < batch; b++) \
    for (int od = 0; od < out_d; od++) \
      for (int oh = 0; oh < out_h; oh++) \
        for (int ow = 0; ow < out_w; ow++) { \
          const int out_at = (((b * out_d + od) * out_h + oh) * out_w + ow); \
          for (int kd = 0; kd < filter_d; kd++) { \
            const int d = od * stride_d - pad_front + kd; \
            if (d < 0 || d >= in_d) continue; \
            for (int kh = 0; kh < filter_h; kh++) { \
              const int h = oh * stride_h - pad_top + kh; \
              if (h < 0 || h >= in_h) continue; \
              for (int kw = 0; kw < filter_w; kw++) { \
                const int w = ow * stride_w - pad_left + kw; \
                if (w < 0 || w >= in_w) continue; \
                const int in_at = ((b * in_d + d) * in_h + h) * in_w + w; \
                const int tap = (kd * filter_h + kh) * filter_w + kw; \
                body \
              } \
            } \
          } \
        }

// Conv3D without dilation: out[o, co] = Σ_{tap, ci} x[o's voxel under tap, ci] · filter[tap, ci, co].
EXPORT(conv3d)(const float *x, const float *filter, float *out, int batch, int in_d, int in_h, int in_w, int in_c, int out_d, int out_h, int out_w,
               int out_c, int stride_d, int stride_h, int stride_w, int filter_d, int filter_h, int filter_w, int pad_front, int pad_top,
               int pad_left) {
  zero(out, batch * out_d * out_h * out_w * out_c);
  FOR_EACH_TAP_3D(vector_matrix(out + out_at * out_c, x + in_at * in_c, filter + tap * in_c * out_c, in_c, out_c);)
}

// Conv3DBackpropInputV2 without dilation: each output voxel sends dy back
// through every tap to the input voxel that tap read,
//   dx[voxel, ci] += Σ_co filter[tap, ci, co] · dy[o, co],
// with the filter first turned to [tap, co, ci] in `turned` (scratch of the
// filter's size the caller owns) so the sum runs along contiguous rows.
EXPORT(conv3d_input_grad)(const float *dy, const float *filter, float *dx, float *turned, int batch, int in_d, int in_h, int in_w, int in_c, int out_d,
                          int out_h, int out_w, int out_c, int stride_d, int stride_h, int stride_w, int filter_d, int filter_h, int filter_w,
                          int pad_front, int pad_top, int pad_left) {
  const int taps = filter_d * filter_h * filter_w;
  for (int t = 0; t < taps; t++)
    for (int ci = 0; ci < in_c; ci++)
      for (int co = 0; co < out_c; co++) turned[(t * out_c + co) * in_c + ci] = filter[(t * in_c + ci) * out_c + co];
  zero(dx, batch * in_d * in_h * in_w * in_c);
  FOR_EACH_TAP_3D(vector_matrix(dx + in_at * in_c, dy + out_at * out_c, turned + tap * out_c * in_c, out_c, in_c);)
}

// out[c] = Σ_r x[r·columns + c]: a sum over every axis but the last ones
// (batch normalization reduces [batch, height, width] of NHWC this way),
// without the transpose that tfjs's Sum makes first. Each column is summed
// in row order, as after that transpose.
EXPORT(sum_rows)(const float *x, float *out, int rows, int columns) {
  zero(out, columns);
  const int vector_columns = columns & ~3;
  for (int r = 0; r < rows; r++) {
    const float *row = x + r * columns;
    for (int c = 0; c < vector_columns; c += 4) wasm_v128_store(out + c, wasm_f32x4_add(wasm_v128_load(out + c), wasm_v128_load(row + c)));
    for (int c = vector_columns; c < columns; c++) out[c] += row[c];
  }
}

// out[r, c] = x[r, c] ∘ v[c] for a vector v over the last axis (a
// per-channel bias, scale or mean), where tfjs's broadcasting binary kernels
// compute an index per element. op: 0 x + v, 1 x − v, 2 v − x, 3 x · v.
// Elementwise, so bit for bit what tfjs computes.
EXPORT(channel_op)(const float *x, const float *v, float *out, int rows, int channels, int op) {
  const int vector_channels = channels & ~3;
  for (int r = 0; r < rows; r++) {
    const float *xr = x + r * channels;
    float *o = out + r * channels;
    for (int c = 0; c < vector_channels; c += 4) {
      const v128_t a = wasm_v128_load(xr + c), b = wasm_v128_load(v + c);
      v128_t y;
      switch (op) {
      case 0: y = wasm_f32x4_add(a, b); break;
      case 1: y = wasm_f32x4_sub(a, b); break;
      case 2: y = wasm_f32x4_sub(b, a); break;
      default: y = wasm_f32x4_mul(a, b); break;
      }
      wasm_v128_store(o + c, y);
    }
    for (int c = vector_channels; c < channels; c++) {
      const float a = xr[c], b = v[c];
      o[c] = op == 0 ? a + b : op == 1 ? a - b : op == 2 ? b - a : a * b;
    }
  }
}

// FusedBatchNorm over the last axis: out = offset + (x − mean) · scale / √(variance + ε),
// in that order of operations (as tfjs computes it; a precomputed
// scale / √(variance + ε) rounds differently, and the float noise of the
// zero gradient of a bias that feeds batch normalization grows with it),
// with each channel's root taken once into `roots` (scratch of `channels`
// floats the caller owns) rather than once per element. A null offset is
// 0, a null scale 1.
EXPORT(batch_norm)(const float *x, const float *mean, const float *variance, const float *offset, const float *scale, float epsilon, float *out,
                   int rows, int channels, float *roots) {
  for (int c = 0; c < channels; c++) roots[c] = __builtin_sqrtf(variance[c] + epsilon);
  const int vector_channels = channels & ~3;
  for (int r = 0; r < rows; r++) {
    const float *xr = x + r * channels;
    float *o = out + r * channels;
    for (int c = 0; c < vector_channels; c += 4) {
      v128_t y = wasm_f32x4_sub(wasm_v128_load(xr + c), wasm_v128_load(mean + c));
      if (scale) y = wasm_f32x4_mul(y, wasm_v128_load(scale + c));
      y = wasm_f32x4_div(y, wasm_v128_load(roots + c));
      if (offset) y = wasm_f32x4_add(wasm_v128_load(offset + c), y);
      wasm_v128_store(o + c, y);
    }
    for (int c = vector_channels; c < channels; c++) {
      const float centred = (xr[c] - mean[c]) * (scale ? scale[c] : 1.0f);
      o[c] = (offset ? offset[c] : 0.0f) + centred / roots[c];
    }
  }
}

// dst[r·dst_stride + c] = src[r·src_stride + c] for c < width: rows of 4-byte
// values (float32, int32) between strided layouts, which is what Concat and
// Slice along the last axis are in channels-last tensors (a U-Net's skip
// connections and their gradients), where tfjs's kernels copy row by row
// from JavaScript, Slice after copying the whole input out of memory.
EXPORT(copy_rows)(const float *src, int src_stride, float *dst, int dst_stride, int rows, int width) {
  for (int r = 0; r < rows; r++) __builtin_memcpy(dst + r * dst_stride, src + r * src_stride, (unsigned long)width * 4);
}

// The gradient of FusedBatchNorm over the last axis with per-channel
// statistics, every input's at once, in two passes over x and dy where
// tfjs's gradient makes a dozen full-size operations:
//   dx = dy · r · scale                     (r = 1 / √(variance + ε), in tfjs's order of operations)
//   d mean = −r · scale · Σ dy,   d variance = −½ r³ · scale · Σ dy (x − mean),
//   d scale = r · Σ dy (x − mean),   d offset = Σ dy,
// the sums over every row, in float64 (as the cpu backend sums) in `sums`,
// scratch of 2 × channels doubles the caller owns. A null scale is 1.
EXPORT(batch_norm_grad)(const float *x, const float *dy, const float *mean, const float *variance, const float *scale, float epsilon, int rows,
                        int channels, float *dx, float *d_mean, float *d_variance, float *d_scale, float *d_offset, double *sums) {
  double *sum_dy = sums, *sum_dy_centred = sums + channels;
  for (int c = 0; c < channels; c++) sum_dy[c] = sum_dy_centred[c] = 0.0;
  const int vector_channels = channels & ~3;
  for (int r = 0; r < rows; r++) {
    const float *xr = x + r * channels, *gr = dy + r * channels;
    for (int c = 0; c < vector_channels; c += 4) {
      const v128_t g = wasm_v128_load(gr + c);
      const v128_t centred = wasm_f32x4_sub(wasm_v128_load(xr + c), wasm_v128_load(mean + c));
      const v128_t g_low = wasm_f64x2_promote_low_f32x4(g), g_high = wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(g, g, 2, 3, 0, 1));
      const v128_t c_low = wasm_f64x2_promote_low_f32x4(centred), c_high = wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(centred, centred, 2, 3, 0, 1));
      wasm_v128_store(sum_dy + c, wasm_f64x2_add(wasm_v128_load(sum_dy + c), g_low));
      wasm_v128_store(sum_dy + c + 2, wasm_f64x2_add(wasm_v128_load(sum_dy + c + 2), g_high));
      wasm_v128_store(sum_dy_centred + c, wasm_f64x2_add(wasm_v128_load(sum_dy_centred + c), wasm_f64x2_mul(g_low, c_low)));
      wasm_v128_store(sum_dy_centred + c + 2, wasm_f64x2_add(wasm_v128_load(sum_dy_centred + c + 2), wasm_f64x2_mul(g_high, c_high)));
    }
    for (int c = vector_channels; c < channels; c++) {
      sum_dy[c] += gr[c];
      sum_dy_centred[c] += (double)gr[c] * (double)(xr[c] - mean[c]);
    }
  }
  for (int c = 0; c < channels; c++) {
    const float root = 1.0f / __builtin_sqrtf(variance[c] + epsilon);
    const double s = scale ? scale[c] : 1.0;
    d_mean[c] = (float)(-(double)root * s * sum_dy[c]);
    d_variance[c] = (float)(-0.5 * (double)root * root * root * s * sum_dy_centred[c]);
    d_scale[c] = (float)((double)root * sum_dy_centred[c]);
    d_offset[c] = (float)sum_dy[c];
    // The reciprocal roots, kept for the dx pass in the space of the sums no longer needed.
    ((float *)sum_dy)[c] = root;
  }
  const float *roots = (const float *)sum_dy;
  for (int r = 0; r < rows; r++) {
    const float *gr = dy + r * channels;
    float *o = dx + r * channels;
    for (int c = 0; c < vector_channels; c += 4) {
      v128_t y = wasm_f32x4_mul(wasm_v128_load(gr + c), wasm_v128_load(roots + c));
      if (scale) y = wasm_f32x4_mul(y, wasm_v128_load(scale + c));
      wasm_v128_store(o + c, y);
    }
    for (int c = vector_channels; c < channels; c++) o[c] = scale ? gr[c] * roots[c] * scale[c] : gr[c] * roots[c];
  }
}
