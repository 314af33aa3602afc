using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eval.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class PackageIdentity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_models_Sha256",
                table: "models");

            migrationBuilder.AddColumn<string>(
                name: "IdentityFiles",
                table: "models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdentitySha256",
                table: "models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_models_IdentitySha256",
                table: "models",
                column: "IdentitySha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_models_Sha256",
                table: "models",
                column: "Sha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_models_IdentitySha256",
                table: "models");

            migrationBuilder.DropIndex(
                name: "IX_models_Sha256",
                table: "models");

            migrationBuilder.DropColumn(
                name: "IdentityFiles",
                table: "models");

            migrationBuilder.DropColumn(
                name: "IdentitySha256",
                table: "models");

            migrationBuilder.CreateIndex(
                name: "IX_models_Sha256",
                table: "models",
                column: "Sha256",
                unique: true);
        }
    }
}
