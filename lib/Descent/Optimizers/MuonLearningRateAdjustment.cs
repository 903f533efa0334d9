namespace Descent.Optimizers;

/// <summary>
/// How Muon scales η for an m×n matrix so that updates of different shapes have a comparable size
/// (PyTorch's <c>adjust_lr_fn</c>).
/// </summary>
public enum MuonLearningRateAdjustment
{
    /// <summary>η·√max(1, m/n): Keller Jordan's original Muon (PyTorch's default, <c>None</c> or "original").</summary>
    Original,

    /// <summary>
    /// η·0.2·√max(m, n): Moonshot's rule ("match_rms_adamw"), which gives the update the RMS of AdamW's,
    /// so that η and the weight decay tuned for AdamW carry over.
    /// </summary>
    MatchRmsAdamW,
}
