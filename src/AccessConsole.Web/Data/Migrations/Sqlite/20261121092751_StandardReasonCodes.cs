using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccessConsole.Web.Data.Migrations.Sqlite
{
    public partial class StandardReasonCodes : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "ReasonCodes",
                columns: new[] { "Code", "CreatedAt", "IsRetired", "Label" },
                values: new object[] { "abuse-excessive-usage", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Abuse or excessive usage" });

            migrationBuilder.InsertData(
                table: "ReasonCodes",
                columns: new[] { "Code", "CreatedAt", "IsRetired", "Label" },
                values: new object[] { "capacity", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Capacity" });

            migrationBuilder.InsertData(
                table: "ReasonCodes",
                columns: new[] { "Code", "CreatedAt", "IsRetired", "Label" },
                values: new object[] { "customer-request", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Customer request" });

            migrationBuilder.InsertData(
                table: "ReasonCodes",
                columns: new[] { "Code", "CreatedAt", "IsRetired", "Label" },
                values: new object[] { "dispute-resolved", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Dispute resolved" });

            migrationBuilder.InsertData(
                table: "ReasonCodes",
                columns: new[] { "Code", "CreatedAt", "IsRetired", "Label" },
                values: new object[] { "non-payment", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Non-payment" });

            migrationBuilder.InsertData(
                table: "ReasonCodes",
                columns: new[] { "Code", "CreatedAt", "IsRetired", "Label" },
                values: new object[] { "other", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Other" });

            migrationBuilder.InsertData(
                table: "ReasonCodes",
                columns: new[] { "Code", "CreatedAt", "IsRetired", "Label" },
                values: new object[] { "security-key-exposed", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Security — key exposed" });

            migrationBuilder.InsertData(
                table: "ReasonCodes",
                columns: new[] { "Code", "CreatedAt", "IsRetired", "Label" },
                values: new object[] { "terms-competing-product", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Terms — competing product" });

            migrationBuilder.InsertData(
                table: "ReasonCodes",
                columns: new[] { "Code", "CreatedAt", "IsRetired", "Label" },
                values: new object[] { "terms-model-training", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Terms — model training" });

            migrationBuilder.InsertData(
                table: "ReasonCodes",
                columns: new[] { "Code", "CreatedAt", "IsRetired", "Label" },
                values: new object[] { "terms-resale", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Terms — resale" });

            migrationBuilder.InsertData(
                table: "ReasonCodes",
                columns: new[] { "Code", "CreatedAt", "IsRetired", "Label" },
                values: new object[] { "unauthorized-client", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), false, "Unauthorized client" });
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "ReasonCodes",
                keyColumn: "Code",
                keyValue: "abuse-excessive-usage");

            migrationBuilder.DeleteData(
                table: "ReasonCodes",
                keyColumn: "Code",
                keyValue: "capacity");

            migrationBuilder.DeleteData(
                table: "ReasonCodes",
                keyColumn: "Code",
                keyValue: "customer-request");

            migrationBuilder.DeleteData(
                table: "ReasonCodes",
                keyColumn: "Code",
                keyValue: "dispute-resolved");

            migrationBuilder.DeleteData(
                table: "ReasonCodes",
                keyColumn: "Code",
                keyValue: "non-payment");

            migrationBuilder.DeleteData(
                table: "ReasonCodes",
                keyColumn: "Code",
                keyValue: "other");

            migrationBuilder.DeleteData(
                table: "ReasonCodes",
                keyColumn: "Code",
                keyValue: "security-key-exposed");

            migrationBuilder.DeleteData(
                table: "ReasonCodes",
                keyColumn: "Code",
                keyValue: "terms-competing-product");

            migrationBuilder.DeleteData(
                table: "ReasonCodes",
                keyColumn: "Code",
                keyValue: "terms-model-training");

            migrationBuilder.DeleteData(
                table: "ReasonCodes",
                keyColumn: "Code",
                keyValue: "terms-resale");

            migrationBuilder.DeleteData(
                table: "ReasonCodes",
                keyColumn: "Code",
                keyValue: "unauthorized-client");
        }
    }
}
