import { ApiProperty } from '@nestjs/swagger';
import type {
  AdminGroup,
  AdminUser,
  AdminUserStatus,
  GroupsPage,
  UsersPage,
} from '../cognito-admin.types.js';

/** Response shapes of the `/admin` routes, for OpenAPI: each implements the result type it documents. */

export class AdminUserDto implements AdminUser {
  @ApiProperty({ example: '7d8e5c1a-1f0b-4a4e-9f43-2b1b1e0c9a11' }) username!: string;
  @ApiProperty({ example: '7d8e5c1a-1f0b-4a4e-9f43-2b1b1e0c9a11' }) sub!: string;
  @ApiProperty({ example: 'jane@example.com', nullable: true }) email!: string | null;
  @ApiProperty({ example: true }) emailVerified!: boolean;
  @ApiProperty({ example: 'CONFIRMED' }) status!: AdminUserStatus;
  @ApiProperty({ example: true }) enabled!: boolean;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z', nullable: true }) createdAt!: string | null;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z', nullable: true }) updatedAt!: string | null;
  @ApiProperty({
    example: { email: 'jane@example.com', name: 'Jane' },
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  attributes!: Record<string, string>;
}

export class UsersPageDto implements UsersPage {
  @ApiProperty({ type: [AdminUserDto] }) users!: AdminUserDto[];
  @ApiProperty({ required: false, description: 'Present when there are more users.' })
  paginationToken?: string;
}

export class AdminGroupDto implements AdminGroup {
  @ApiProperty({ example: 'staff' }) name!: string;
  @ApiProperty({ example: 'Everyone on the payroll', nullable: true }) description!: string | null;
  @ApiProperty({ example: 10, nullable: true }) precedence!: number | null;
  @ApiProperty({ nullable: true }) createdAt!: string | null;
  @ApiProperty({ nullable: true }) updatedAt!: string | null;
}

export class GroupsPageDto implements GroupsPage {
  @ApiProperty({ type: [AdminGroupDto] }) groups!: AdminGroupDto[];
  @ApiProperty({ required: false }) nextToken?: string;
}
