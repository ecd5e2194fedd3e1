using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AccessConsole.Web.DemoData.Bulk;

/// <summary>
/// One prepared INSERT for an entity type, with its column names, parameter types and value converters taken
/// from the EF model, so that every value is stored exactly as EF stores it. Parameters are made once; each
/// row only sets their values.
/// </summary>
internal sealed class SqliteBulkTable : IDisposable
{
    private readonly SqliteCommand command;
    private readonly Column[] columns;

    private sealed record Column(IClrPropertyGetter Getter, ValueConverter? Converter, DbParameter Parameter);

    public SqliteBulkTable(SqliteConnection connection, SqliteTransaction transaction, IEntityType entityType)
    {
        var tableName = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityType.DisplayName()} maps to no table.");
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        var properties = entityType.GetProperties().ToList();
        command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = new List<string>();
        var list = new List<Column>();
        foreach (var property in properties)
        {
            if (property.IsShadowProperty())
            {
                throw new InvalidOperationException($"{entityType.DisplayName()}.{property.Name} is a shadow property; the bulk path reads CLR values only.");
            }
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, $"@p{list.Count}", null, property.IsNullable);
            command.Parameters.Add(parameter);
            names.Add($"\"{property.GetColumnName(table)}\"");
            list.Add(new Column(property.GetGetter(), mapping.Converter, parameter));
        }
        columns = [.. list];
        command.CommandText = $"INSERT INTO \"{tableName}\" ({string.Join(", ", names)}) VALUES ({string.Join(", ", list.Select(c => c.Parameter.ParameterName))});";
        command.Prepare();
    }

    public void Insert(object entity)
    {
        foreach (var column in columns)
        {
            var value = column.Getter.GetClrValue(entity);
            if (value is not null && column.Converter is not null) value = column.Converter.ConvertToProvider(value);
            column.Parameter.Value = value ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    public void Dispose() => command.Dispose();
}
