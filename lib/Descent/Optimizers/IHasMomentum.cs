namespace Descent.Optimizers;
/// <summary>An optimizer with a momentum-like coefficient that a schedule may cycle: SGD's μ, RMSProp's μ, Adam's β₁.</summary>
public interface IHasMomentum
{
    /// <summary>μ (or β₁); validated on set.</summary>
    double MomentumCoefficient { get; set; }
}
