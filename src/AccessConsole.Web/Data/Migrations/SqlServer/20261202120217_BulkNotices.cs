using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccessConsole.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class BulkNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NoticeBody",
                table: "ChangeJobs",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeSubject",
                table: "ChangeJobs",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NoticeBody",
                table: "ChangeJobs");

            migrationBuilder.DropColumn(
                name: "NoticeSubject",
                table: "ChangeJobs");
        }
    }
}
