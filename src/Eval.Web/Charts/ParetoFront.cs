namespace Eval.Web.Charts;

/// <summary>
/// The points no other point beats on both axes (higher is better on each): point i is dominated when some j has
/// x_j ≥ x_i and y_j ≥ y_i, one of them strictly. The front comes back in order of x, so it can be drawn as a line.
/// </summary>
public static class ParetoFront
{
    public static IReadOnlyList<int> Indices(IReadOnlyList<(double X, double Y)> points) =>
        Enumerable.Range(0, points.Count)
            .Where(i => !points.Any(p => p.X >= points[i].X && p.Y >= points[i].Y && (p.X > points[i].X || p.Y > points[i].Y)))
            .OrderBy(i => points[i].X).ThenByDescending(i => points[i].Y)
            .ToList();
}
