using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eval.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class UploadPipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Error",
                table: "models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ErrorCode",
                table: "models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Groups",
                table: "models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Queue",
                table: "models",
                type: "TEXT",
                nullable: false,
                defaultValue: "cpu");

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "models",
                type: "TEXT",
                nullable: false,
                defaultValue: "finished");

            migrationBuilder.AddColumn<string>(
                name: "Suite",
                table: "models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UploadedBy",
                table: "models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ValidatedAt",
                table: "models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_models_Status",
                table: "models",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_models_Status",
                table: "models");

            migrationBuilder.DropColumn(
                name: "Description",
                table: "models");

            migrationBuilder.DropColumn(
                name: "Error",
                table: "models");

            migrationBuilder.DropColumn(
                name: "ErrorCode",
                table: "models");

            migrationBuilder.DropColumn(
                name: "Groups",
                table: "models");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "models");

            migrationBuilder.DropColumn(
                name: "Queue",
                table: "models");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "models");

            migrationBuilder.DropColumn(
                name: "Suite",
                table: "models");

            migrationBuilder.DropColumn(
                name: "UploadedBy",
                table: "models");

            migrationBuilder.DropColumn(
                name: "ValidatedAt",
                table: "models");
        }
    }
}
