import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateSkillDto {
  @ApiProperty({ example: 'music-therapy' })
  @IsString()
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: 'slug must be lower-case letters, digits and single hyphens',
  })
  @MaxLength(64)
  slug: string;

  @ApiProperty({ example: 'Music therapy' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;

  @ApiProperty({ example: 'care' })
  @IsString()
  @Matches(/^[a-z0-9-]{2,64}$/, {
    message: 'category must be lower-case letters, digits and hyphens',
  })
  category: string;
}

export class SkillView {
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() category: string;
}
