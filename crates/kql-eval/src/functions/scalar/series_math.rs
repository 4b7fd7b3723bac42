//! The numeric algorithms behind the `series_*` functions, over plain `f64` series where
//! `None` is a missing (null or non-numeric) element: least-squares line fits
//! (q/series-fit-line-function.md), two-segment fits (q/series-fit-2lines-function.md),
//! Tukey fence scores (q/series-outliers-function.md), period detection
//! (q/series-periods-detect-function.md) and decomposition
//! (q/series-decompose-function.md). Every function does bounded work per element.

/// One fitted line `y = slope * x + interception` over `x = 1, 2, ..., n` (the element's
/// position plus one, which reproduces the documented example's `line_fit`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LineFit {
    /// `1 - rss / tss`; 1 when the data has no variance at all.
    pub rsquare: f64,
    /// `a` of `y = ax + b`.
    pub slope: f64,
    /// Sample variance of the data (`tss / (n - 1)`).
    pub variance: f64,
    /// Residual variance (`rss / (n - 1)`).
    pub rvariance: f64,
    /// `b` of `y = ax + b`.
    pub interception: f64,
}

impl LineFit {
    /// The line's value at position `i` (0-based).
    pub(crate) fn at(&self, i: usize) -> f64 {
        self.slope * (i as f64 + 1.0) + self.interception
    }
}

/// Running sums for least squares; `y` is stored minus `shift` to keep the sums small.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    n: f64,
    sx: f64,
    sy: f64,
    sxx: f64,
    sxy: f64,
    syy: f64,
}

impl Sums {
    fn add(&mut self, x: f64, y: f64) {
        self.n += 1.0;
        self.sx += x;
        self.sy += y;
        self.sxx += x * x;
        self.sxy += x * y;
        self.syy += y * y;
    }

    fn minus(&self, o: &Sums) -> Sums {
        Sums {
            n: self.n - o.n,
            sx: self.sx - o.sx,
            sy: self.sy - o.sy,
            sxx: self.sxx - o.sxx,
            sxy: self.sxy - o.sxy,
            syy: self.syy - o.syy,
        }
    }

    /// Total and residual sums of squares and the line; `None` without points.
    fn solve(&self, shift: f64) -> Option<(f64, f64, LineFit)> {
        if self.n < 1.0 {
            return None;
        }
        let n = self.n;
        let cxx = (self.sxx - self.sx * self.sx / n).max(0.0);
        let cxy = self.sxy - self.sx * self.sy / n;
        let tss = (self.syy - self.sy * self.sy / n).max(0.0);
        let slope = if cxx > 0.0 { cxy / cxx } else { 0.0 };
        let rss = (tss - slope * cxy).max(0.0);
        let dof = if n > 1.0 { n - 1.0 } else { 1.0 };
        let fit = LineFit {
            rsquare: if tss > 0.0 { 1.0 - rss / tss } else { 1.0 },
            slope,
            variance: tss / dof,
            rvariance: rss / dof,
            interception: (self.sy - slope * self.sx) / n + shift,
        };
        Some((tss, rss, fit))
    }
}

/// The first present value (subtracted from every value before summing).
fn shift_of(y: &[Option<f64>]) -> f64 {
    y.iter()
        .flatten()
        .copied()
        .find(|v| v.is_finite())
        .unwrap_or(0.0)
}

/// Least-squares line over the present elements; `None` when none is present.
pub(crate) fn fit_line(y: &[Option<f64>]) -> Option<LineFit> {
    let shift = shift_of(y);
    let mut s = Sums::default();
    for (i, v) in y.iter().enumerate() {
        if let Some(v) = v {
            s.add(i as f64 + 1.0, v - shift);
        }
    }
    s.solve(shift).map(|(_, _, f)| f)
}

/// The best two-segment fit (q/series-fit-2lines-function.md).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TwoLines {
    /// R-square of both segments together against the whole series.
    pub rsquare: f64,
    /// The first index of the right segment.
    pub split_idx: usize,
    /// Sample variance of the whole series.
    pub variance: f64,
    /// Residual variance of both segments together.
    pub rvariance: f64,
    /// The line left of the split.
    pub left: LineFit,
    /// The line from the split on.
    pub right: LineFit,
}

impl TwoLines {
    /// The fitted value at position `i`.
    pub(crate) fn at(&self, i: usize) -> f64 {
        if i < self.split_idx {
            self.left.at(i)
        } else {
            self.right.at(i)
        }
    }
}

/// Tries every split that leaves at least two present points on each side and keeps the
/// one with the highest total r-square (the first one on ties). Both lines use the same
/// positions `x = 1..n` as [`fit_line`]. `None` with fewer than four present points.
pub(crate) fn fit_2lines(y: &[Option<f64>]) -> Option<TwoLines> {
    let shift = shift_of(y);
    let mut prefix = Vec::with_capacity(y.len() + 1);
    let mut s = Sums::default();
    prefix.push(s);
    for (i, v) in y.iter().enumerate() {
        if let Some(v) = v {
            s.add(i as f64 + 1.0, v - shift);
        }
        prefix.push(s);
    }
    let (tss, _, whole) = s.solve(shift)?;
    let mut best: Option<TwoLines> = None;
    for (k, left_sums) in prefix.iter().enumerate().take(y.len()).skip(1) {
        let right_sums = s.minus(left_sums);
        if left_sums.n < 2.0 || right_sums.n < 2.0 {
            continue;
        }
        let (Some((_, lrss, left)), Some((_, rrss, right))) =
            (left_sums.solve(shift), right_sums.solve(shift))
        else {
            continue;
        };
        let rss = lrss + rrss;
        let rsquare = if tss > 0.0 { 1.0 - rss / tss } else { 1.0 };
        if best.is_none_or(|b| rsquare > b.rsquare) {
            let dof = if s.n > 1.0 { s.n - 1.0 } else { 1.0 };
            best = Some(TwoLines {
                rsquare,
                split_idx: k,
                variance: whole.variance,
                rvariance: rss / dof,
                left,
                right,
            });
        }
    }
    best
}

/// The `p`-th percentile (0..=100) of sorted values, interpolating linearly between the
/// closest ranks.
pub(crate) fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let pos = (p / 100.0).clamp(0.0, 1.0) * last as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    let (a, b) = (*sorted.get(lo)?, *sorted.get(hi)?);
    Some(a + (b - a) * (pos - lo as f64))
}

/// Sorted copies of the finite present values.
fn sorted_values(y: &[Option<f64>]) -> Vec<f64> {
    let mut v: Vec<f64> = y
        .iter()
        .flatten()
        .copied()
        .filter(|x| x.is_finite())
        .collect();
    v.sort_by(f64::total_cmp);
    v
}

/// Tukey fence scores (q/series-outliers-function.md): with `q1`/`q3` the `lo`/`hi`
/// percentiles of the present values, a value above `q3` scores `(x - q3) / (q3 - q1)`,
/// below `q1` scores `(x - q1) / (q3 - q1)`, anything else (and missing values) 0. So a
/// score above `k` (1.5 by default) is exactly a value beyond Tukey's upper fence
/// `q3 + k * IQR`, and below `-k` beyond the lower one. `fit_on` limits the values the
/// percentiles come from to the first `fit_on` elements.
pub(crate) fn outlier_scores(y: &[Option<f64>], lo: f64, hi: f64, fit_on: usize) -> Vec<f64> {
    let sorted = sorted_values(&y[..fit_on.min(y.len())]);
    let (Some(q1), Some(q3)) = (percentile(&sorted, lo), percentile(&sorted, hi)) else {
        return vec![0.0; y.len()];
    };
    let iqr = q3 - q1;
    y.iter()
        .map(|v| match v {
            Some(x) if *x > q3 => (x - q3) / iqr,
            Some(x) if *x < q1 => (x - q1) / iqr,
            _ => 0.0,
        })
        .collect()
}

/// The longest period [`detect_period`] considers, so detection stays linear in the
/// series length.
pub(crate) const MAX_PERIOD: usize = 2048;

/// The most significant period of `y` between `min` and `max` bins (at least 4 and at
/// most half the series, q/series-periods-detect-function.md) with its score in 0..=1:
/// the autocorrelation at that lag, taken at the highest local peak of the
/// autocorrelation function. `None` when no lag correlates positively.
pub(crate) fn detect_period(y: &[f64], min: f64, max: f64) -> Option<(usize, f64)> {
    let n = y.len();
    let lo = (min.max(4.0).ceil()) as usize;
    let hi = ((max.min((n / 2) as f64)).floor().max(0.0) as usize).min(MAX_PERIOD);
    if n < 8 || lo > hi {
        return None;
    }
    let mean = y.iter().sum::<f64>() / n as f64;
    let d: Vec<f64> = y.iter().map(|v| v - mean).collect();
    let denom: f64 = d.iter().map(|v| v * v).sum();
    if denom <= 0.0 {
        return None;
    }
    let acf = |p: usize| -> f64 {
        d.iter()
            .zip(d.iter().skip(p))
            .map(|(a, b)| a * b)
            .sum::<f64>()
            / denom
    };
    let scores: Vec<f64> = (lo.saturating_sub(1)..=hi + 1).map(acf).collect();
    let mut best: Option<(usize, f64)> = None;
    for (j, p) in (lo..=hi).enumerate() {
        let (prev, r, next) = (scores[j], scores[j + 1], scores[j + 2]);
        let peak = r >= prev && r >= next;
        if peak && r > 0.0 && best.is_none_or(|(_, b)| r > b) {
            best = Some((p, r.min(1.0)));
        }
    }
    best
}

/// How the seasonal component is found (q/series-decompose-function.md).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Seasonality {
    /// `-1`: detect the period; use it when its score exceeds the threshold.
    Detect(f64),
    /// `0`: no seasonal component.
    None,
    /// A period in bins.
    Period(usize),
}

/// How the trend component is found (q/series-decompose-function.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trend {
    /// `avg`: the average of the deseasonalized series.
    Avg,
    /// `linefit`: a least-squares line through the deseasonalized series.
    LineFit,
    /// `none`: no trend component.
    None,
}

/// The components of [`decompose`], one value per element.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decomposition {
    /// `seasonal + trend`: the predicted value.
    pub baseline: Vec<f64>,
    /// Median of the learning points in the same phase, or 0.
    pub seasonal: Vec<f64>,
    /// The trend of the deseasonalized series.
    pub trend: Vec<f64>,
    /// `x - baseline` (`None` where `x` is missing).
    pub residual: Vec<Option<f64>>,
}

/// Decomposes `y` (q/series-decompose-function.md): the seasonal series first (median of
/// the learning points per phase), then the trend of `y - seasonal`, then
/// `baseline = seasonal + trend` and `residual = y - baseline`. The last `test_points`
/// elements are left out of learning (they are forecast).
pub(crate) fn decompose(
    y: &[Option<f64>],
    season: Seasonality,
    trend: Trend,
    test_points: usize,
) -> Decomposition {
    let n = y.len();
    let learn = n.saturating_sub(test_points);
    let period = match season {
        Seasonality::None => None,
        Seasonality::Period(p) => Some(p).filter(|p| *p > 0),
        Seasonality::Detect(threshold) => {
            let present: Vec<f64> = y[..learn].iter().map(|v| v.unwrap_or(0.0)).collect();
            detect_period(&present, 4.0, (learn / 2) as f64)
                .filter(|(_, score)| *score > threshold)
                .map(|(p, _)| p)
        }
    };
    let seasonal = match period {
        Some(p) => phase_medians(&y[..learn], p, n),
        None => vec![0.0; n],
    };
    let deseasonal: Vec<Option<f64>> = y[..learn]
        .iter()
        .zip(&seasonal)
        .map(|(v, s)| v.map(|v| v - s))
        .collect();
    let trend: Vec<f64> = match trend {
        Trend::None => vec![0.0; n],
        Trend::Avg => {
            let present: Vec<f64> = deseasonal.iter().flatten().copied().collect();
            let avg = if present.is_empty() {
                0.0
            } else {
                present.iter().sum::<f64>() / present.len() as f64
            };
            vec![avg; n]
        }
        Trend::LineFit => match fit_line(&deseasonal) {
            Some(f) => (0..n).map(|i| f.at(i)).collect(),
            None => vec![0.0; n],
        },
    };
    let baseline: Vec<f64> = seasonal.iter().zip(&trend).map(|(s, t)| s + t).collect();
    let residual = y
        .iter()
        .zip(&baseline)
        .map(|(v, b)| v.map(|v| v - b))
        .collect();
    Decomposition {
        baseline,
        seasonal,
        trend,
        residual,
    }
}

/// For each of `n` positions, the median of the learning values in the same phase
/// (`i % period`); 0 for a phase without values.
fn phase_medians(learn: &[Option<f64>], period: usize, n: usize) -> Vec<f64> {
    let mut phases: Vec<Vec<f64>> = vec![Vec::new(); period.min(n.max(1))];
    let count = phases.len();
    for (i, v) in learn.iter().enumerate() {
        if let (Some(v), Some(bucket)) = (v, phases.get_mut(i % count)) {
            bucket.push(*v);
        }
    }
    let medians: Vec<f64> = phases
        .iter_mut()
        .map(|b| {
            b.sort_by(f64::total_cmp);
            percentile(b, 50.0).unwrap_or(0.0)
        })
        .collect();
    (0..n).map(|i| medians[i % count]).collect()
}
