using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AccessConsole.Web.Data;

/// <summary>Used by <c>dotnet ef migrations add</c> only; the app builds its contexts in the factory.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAccessConsoleDbContext>
{
    public SqliteAccessConsoleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAccessConsoleDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAccessConsoleDbContext>
{
    public SqlServerAccessConsoleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerAccessConsoleDbContext>().UseSqlServer("Server=design;Database=AccessConsole").Options);
}
