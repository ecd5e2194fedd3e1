using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccessConsole.Web.Data.Migrations.SqlServer
{
    public partial class Initial : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEvents",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    EventId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActorId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ActorName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ActorRoles = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SubjectKind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    SubjectId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    SubjectName = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OrganizationName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ReasonCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Justification = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    TicketReference = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    PolicyClause = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AccessBefore = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    AccessAfter = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    CorrelationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ApproverId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ApproverName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    UndoesSequence = table.Column<long>(type: "bigint", nullable: true),
                    PreviousChangeSequence = table.Column<long>(type: "bigint", nullable: true),
                    Details = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    PreviousHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvents", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "Organizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    NormalizedName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Tier = table.Column<int>(type: "int", nullable: false),
                    AccountManager = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AccessState = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Restriction = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    AccessUntil = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AccessVersion = table.Column<int>(type: "int", nullable: false),
                    AccessReasonCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    AccessChangedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AccessChangedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AccessSetBySequence = table.Column<long>(type: "bigint", nullable: true),
                    AccessUndoSequence = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReasonCodes",
                columns: table => new
                {
                    Code = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Label = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    IsRetired = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReasonCodes", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DisplayPrefix = table.Column<string>(type: "nvarchar(21)", maxLength: 21, nullable: false),
                    LastFour = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: false),
                    SecretHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    CredentialKind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    LastUsedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AccessState = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Restriction = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    AccessUntil = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AccessVersion = table.Column<int>(type: "int", nullable: false),
                    AccessReasonCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    AccessChangedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AccessChangedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AccessSetBySequence = table.Column<long>(type: "bigint", nullable: true),
                    AccessUndoSequence = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiKeys_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Integrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    IsFirstParty = table.Column<bool>(type: "bit", nullable: false),
                    ClientIdentifiers = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    VendorOrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    AccessState = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Restriction = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    AccessUntil = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AccessVersion = table.Column<int>(type: "int", nullable: false),
                    AccessReasonCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    AccessChangedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AccessChangedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AccessSetBySequence = table.Column<long>(type: "bigint", nullable: true),
                    AccessUndoSequence = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Integrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Integrations_Organizations_VendorOrganizationId",
                        column: x => x.VendorOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "OrganizationDomains",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Domain = table.Column<string>(type: "nvarchar(253)", maxLength: 253, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationDomains", x => new { x.OrganizationId, x.Domain });
                    table.ForeignKey(
                        name: "FK_OrganizationDomains_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationTags",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Tag = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationTags", x => new { x.OrganizationId, x.Tag });
                    table.ForeignKey(
                        name: "FK_OrganizationTags_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DailyUsage",
                columns: table => new
                {
                    ApiKeyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Day = table.Column<DateTime>(type: "datetime2", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Requests = table.Column<long>(type: "bigint", nullable: false),
                    Tokens = table.Column<long>(type: "bigint", nullable: false),
                    ActiveHours = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyUsage", x => new { x.ApiKeyId, x.Day });
                    table.ForeignKey(
                        name: "FK_DailyUsage_ApiKeys_ApiKeyId",
                        column: x => x.ApiKeyId,
                        principalTable: "ApiKeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationIntegrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IntegrationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RecentRequests = table.Column<long>(type: "bigint", nullable: false),
                    AccessState = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Restriction = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    AccessUntil = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AccessVersion = table.Column<int>(type: "int", nullable: false),
                    AccessReasonCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    AccessChangedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AccessChangedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AccessSetBySequence = table.Column<long>(type: "bigint", nullable: true),
                    AccessUndoSequence = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationIntegrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganizationIntegrations_Integrations_IntegrationId",
                        column: x => x.IntegrationId,
                        principalTable: "Integrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OrganizationIntegrations_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_AccessState",
                table: "ApiKeys",
                column: "AccessState");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_AccessUntil",
                table: "ApiKeys",
                column: "AccessUntil");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_DisplayPrefix",
                table: "ApiKeys",
                column: "DisplayPrefix");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_OrganizationId",
                table: "ApiKeys",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_SecretHash",
                table: "ApiKeys",
                column: "SecretHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_Sequence",
                table: "AuditEvents",
                columns: new[] { "Action", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ActorId_Sequence",
                table: "AuditEvents",
                columns: new[] { "ActorId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_CorrelationId",
                table: "AuditEvents",
                column: "CorrelationId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_EventId",
                table: "AuditEvents",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_OccurredAt",
                table: "AuditEvents",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_OrganizationId_Sequence",
                table: "AuditEvents",
                columns: new[] { "OrganizationId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ReasonCode_Sequence",
                table: "AuditEvents",
                columns: new[] { "ReasonCode", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_SubjectId_Sequence",
                table: "AuditEvents",
                columns: new[] { "SubjectId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_DailyUsage_OrganizationId_Day",
                table: "DailyUsage",
                columns: new[] { "OrganizationId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_Integrations_AccessState",
                table: "Integrations",
                column: "AccessState");

            migrationBuilder.CreateIndex(
                name: "IX_Integrations_AccessUntil",
                table: "Integrations",
                column: "AccessUntil");

            migrationBuilder.CreateIndex(
                name: "IX_Integrations_Name",
                table: "Integrations",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Integrations_VendorOrganizationId",
                table: "Integrations",
                column: "VendorOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationDomains_Domain",
                table: "OrganizationDomains",
                column: "Domain");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationIntegrations_AccessState",
                table: "OrganizationIntegrations",
                column: "AccessState");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationIntegrations_AccessUntil",
                table: "OrganizationIntegrations",
                column: "AccessUntil");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationIntegrations_IntegrationId",
                table: "OrganizationIntegrations",
                column: "IntegrationId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationIntegrations_OrganizationId_IntegrationId",
                table: "OrganizationIntegrations",
                columns: new[] { "OrganizationId", "IntegrationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_AccessState",
                table: "Organizations",
                column: "AccessState");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_AccessUntil",
                table: "Organizations",
                column: "AccessUntil");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_CreatedAt",
                table: "Organizations",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_NormalizedName",
                table: "Organizations",
                column: "NormalizedName");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Tier_NormalizedName",
                table: "Organizations",
                columns: new[] { "Tier", "NormalizedName" });

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationTags_Tag",
                table: "OrganizationTags",
                column: "Tag");

            migrationBuilder.Sql(AccessConsole.Web.Audit.AuditTriggers.SqlServerCreate);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AccessConsole.Web.Audit.AuditTriggers.SqlServerDrop);

            migrationBuilder.DropTable(
                name: "AuditEvents");

            migrationBuilder.DropTable(
                name: "DailyUsage");

            migrationBuilder.DropTable(
                name: "OrganizationDomains");

            migrationBuilder.DropTable(
                name: "OrganizationIntegrations");

            migrationBuilder.DropTable(
                name: "OrganizationTags");

            migrationBuilder.DropTable(
                name: "ReasonCodes");

            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "Integrations");

            migrationBuilder.DropTable(
                name: "Organizations");
        }
    }
}
