using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccessConsole.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeSubject",
                table: "ChangeJobs",
                type: "TEXT",
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
