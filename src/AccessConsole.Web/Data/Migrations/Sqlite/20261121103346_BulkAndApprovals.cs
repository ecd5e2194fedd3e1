using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccessConsole.Web.Data.Migrations.Sqlite
{
    public partial class BulkAndApprovals : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChangeJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Segment = table.Column<string>(type: "TEXT", nullable: true),
                    UndoesJobId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Change = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReasonCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Justification = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    TicketReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PolicyClause = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Restriction = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RestoreFullAccess = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RequestedById = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedByRoles = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ApproverId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ApproverName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Changed = table.Column<int>(type: "INTEGER", nullable: false),
                    NotChanged = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeJobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChangeJobs_ChangeJobs_UndoesJobId",
                        column: x => x.UndoesJobId,
                        principalTable: "ChangeJobs",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "ApprovalRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Rules = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RequestedById = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedById = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalRequests_ChangeJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "ChangeJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChangeJobItems",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrganizationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ExpectedVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AuditSequence = table.Column<long>(type: "INTEGER", nullable: true),
                    VersionAfter = table.Column<int>(type: "INTEGER", nullable: true),
                    ProcessedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeJobItems", x => new { x.JobId, x.Position });
                    table.ForeignKey(
                        name: "FK_ChangeJobItems_ChangeJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "ChangeJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DailyUsage_Day_ActiveHours_OrganizationId",
                table: "DailyUsage",
                columns: new[] { "Day", "ActiveHours", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_JobId",
                table: "ApprovalRequests",
                column: "JobId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_RequestedAt",
                table: "ApprovalRequests",
                column: "RequestedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_RequestedById_RequestedAt",
                table: "ApprovalRequests",
                columns: new[] { "RequestedById", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_State_ExpiresAt",
                table: "ApprovalRequests",
                columns: new[] { "State", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeJobItems_JobId_Outcome_Position",
                table: "ChangeJobItems",
                columns: new[] { "JobId", "Outcome", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeJobItems_JobId_SubjectKind_SubjectId",
                table: "ChangeJobItems",
                columns: new[] { "JobId", "SubjectKind", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChangeJobs_CreatedAt",
                table: "ChangeJobs",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeJobs_State_CreatedAt",
                table: "ChangeJobs",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeJobs_UndoesJobId",
                table: "ChangeJobs",
                column: "UndoesJobId");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApprovalRequests");

            migrationBuilder.DropTable(
                name: "ChangeJobItems");

            migrationBuilder.DropTable(
                name: "ChangeJobs");

            migrationBuilder.DropIndex(
                name: "IX_DailyUsage_Day_ActiveHours_OrganizationId",
                table: "DailyUsage");
        }
    }
}
