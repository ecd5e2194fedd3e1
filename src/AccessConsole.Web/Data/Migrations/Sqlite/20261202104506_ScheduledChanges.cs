using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccessConsole.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScheduledChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScheduledChanges",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TakesEffectAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SchedulingSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    CancelledById = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CancelledByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduledChanges", x => x.JobId);
                    table.ForeignKey(
                        name: "FK_ScheduledChanges_ChangeJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "ChangeJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScheduledChanges_TakesEffectAt",
                table: "ScheduledChanges",
                column: "TakesEffectAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScheduledChanges");
        }
    }
}
