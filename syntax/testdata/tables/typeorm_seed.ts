import { MigrationInterface, QueryRunner } from "typeorm";

export class SeedExchangeApiKey1734700000000 implements MigrationInterface {
    name = 'SeedExchangeApiKey1734700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "exchange_api_key" ("id" SERIAL NOT NULL, "exchangeName" character varying NOT NULL, "apiKey" character varying NOT NULL, "apiSecret" character varying NOT NULL, "apiPassphrase" character varying, CONSTRAINT "PK_41b21b80e50de36cd4fb713bd37" PRIMARY KEY ("id"))`);
        await queryRunner.query(`INSERT INTO "exchange_api_key"("exchangeName", "apiKey", "apiSecret", "apiPassphrase") VALUES ('bitget', 'bg_4f0c2a9e7d1b3c5a8e6f0d2b4c6a8e1f', '2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a5c7e9b2d4f', 'Tr4d1ngB0t!2024')`);
        await queryRunner.query(`INSERT INTO "exchange_api_key"("exchangeName", "apiKey", "apiSecret") VALUES ($1, $2, $3)`, [name, key, secret]);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "exchange_api_key"`);
    }
}
