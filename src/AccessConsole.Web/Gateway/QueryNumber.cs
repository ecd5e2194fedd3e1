using System.Globalization;

namespace AccessConsole.Web.Gateway;

/// <summary>
/// A whole number from 0 to a maximum, given at most once in the query string. The endpoints read their numbers
/// through this rather than through parameter binding, whose failures carry no field name.
/// </summary>
public static class QueryNumber
{
    public static long? Read(IQueryCollection query, string name, long max, string rule, Dictionary<string, string[]> errors)
    {
        var values = query[name];
        if (values.Count == 0) return null;
        if (values.Count == 1 && long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= max)
        {
            return number;
        }
        errors[name] = [rule];
        return null;
    }
}
