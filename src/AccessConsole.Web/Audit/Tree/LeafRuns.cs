namespace AccessConsole.Web.Audit.Tree;

/// <summary>The leaves an export holds, as runs of consecutive leaf indexes in order: a time range is one run.</summary>
public sealed class LeafRuns
{
    private readonly List<(long First, long Last)> runs = [];

    /// <summary>Adds the leaf of event <paramref name="sequence"/>; sequences come in increasing order.</summary>
    public void Add(long sequence)
    {
        var index = sequence - 1;
        if (runs.Count > 0 && runs[^1].Last >= index) throw new ArgumentException("Leaves are added in increasing order.", nameof(sequence));
        if (runs.Count > 0 && runs[^1].Last == index - 1) runs[^1] = (runs[^1].First, index);
        else runs.Add((index, index));
    }

    /// <summary>Whether any leaf lies in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="size"/>).</summary>
    public bool AnyIn(long start, long size)
    {
        var i = IndexOfFirstEndingAtOrAfter(start);
        return i < runs.Count && runs[i].First < start + size;
    }

    private int IndexOfFirstEndingAtOrAfter(long index)
    {
        int low = 0, high = runs.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (runs[middle].Last < index) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
