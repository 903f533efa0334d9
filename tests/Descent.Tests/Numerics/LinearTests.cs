using Descent.Numerics;

namespace Descent.Tests.Numerics;

public class LinearTests
{
    [Fact]
    public void Eigenvalues_of_a_diagonal_and_of_a_rotation()
    {
        var diagonal = Linear.Eigenvalues(new[,] { { 3.0, 0 }, { 0, -5.0 } }).OrderBy(z => z.Re).ToArray();
        Assert.Equal((-5.0, 0.0), diagonal[0]);
        Assert.Equal((3.0, 0.0), diagonal[1]);
        Assert.Equal(5.0, Linear.SpectralRadius(new[,] { { 3.0, 0 }, { 0, -5.0 } }), 12);
        // A rotation by 90° scaled by 0.5 has eigenvalues ±0.5i: radius 0.5.
        var rotation = new[,] { { 0.0, -0.5 }, { 0.5, 0.0 } };
        Assert.All(Linear.Eigenvalues(rotation), z => Assert.Equal(0.5, Math.Abs(z.Im), 12));
        Assert.Equal(0.5, Linear.SpectralRadius(rotation), 12);
    }

    [Fact]
    public void Heavy_ball_iteration_matrix_matches_its_closed_form()
    {
        // [[1 + μ − ηλ, −μ], [1, 0]]: for a complex pair of roots |z|² = μ, so ρ = √μ.
        double mu = 0.9, etaLambda = 1.0; // p² − 4μ = 0.81 − 3.6 < 0
        Assert.Equal(Math.Sqrt(mu), Linear.SpectralRadius(new[,] { { 1 + mu - etaLambda, -mu }, { 1.0, 0.0 } }), 12);
    }

    [Fact]
    public void Singular_values_by_hand_largest_first()
    {
        // [[2, 2], [−1, 1]]: UᵀU = [[5, 3], [3, 5]] has eigenvalues 8 and 2, so σ = (2√2, √2).
        double[] sigma = Linear.SingularValues([2, 2, -1, 1], 2, 2);
        Assert.Equal(2 * Math.Sqrt(2), sigma[0], 12);
        Assert.Equal(Math.Sqrt(2), sigma[1], 12);
        // Row-major: [[3, 0, 4]] is one row with σ = 5; its transpose, a column, too; a 2×3 has two σ.
        Assert.Equal(5, Linear.SingularValues([3, 0, 4], 1, 3).Single(), 12);
        Assert.Equal(5, Linear.SingularValues([3, 0, 4], 3, 1).Single(), 12);
        // [[1, 0, 0], [0, 0, 2]]: σ = (2, 1), sorted largest first although the rows come the other way.
        double[] wide = Linear.SingularValues([1, 0, 0, 0, 0, 2], 2, 3);
        Assert.Equal(2, wide[0], 12);
        Assert.Equal(1, wide[1], 12);
    }

    [Fact]
    public void Bad_matrices_are_refused()
    {
        Assert.Equal("matrix", Assert.Throws<ArgumentException>(() => Linear.SpectralRadius(new double[2, 3])).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Linear.SpectralRadius(new[,] { { double.NaN } })).ParamName);
        Assert.Throws<ArgumentNullException>(() => Linear.Eigenvalues(null!));
    }
}
