using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccessConsole.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RuleEndsAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EndsAt",
                table: "PlatformRules",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql(AccessConsole.Web.Rules.RuleEndBackfill.Sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EndsAt",
                table: "PlatformRules");
        }
    }
}
