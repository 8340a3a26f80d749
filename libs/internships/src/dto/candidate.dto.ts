import { ApiProperty } from '@nestjs/swagger';
import { LanguageLevelView, SkillLevelView } from './intern-application.dto';

export class ScoreExplanationView {
  @ApiProperty({ description: 'flat points for any eligible pair' }) base: number;
  @ApiProperty({ description: 'Σ weight × level over the preferred skills the intern has' })
  preferredSkills: number;
  @ApiProperty({ description: '3 points per level above each required skill’s minimum' })
  skillSurplus: number;
  @ApiProperty({ description: '2 points per level above each required language’s minimum' })
  languageFit: number;
  @ApiProperty({ description: '20, 15, 10, 5 for the intern’s 1st–4th choice, else 0' })
  preference: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'the need’s place in the intern’s list',
  })
  preferenceRank: number | null;
}

export class VolunteerRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

/** The limited view of an intern application: name, skills, languages, availability, statement. */
export class CandidateView {
  @ApiProperty({ format: 'uuid' }) internApplicationId: string;
  @ApiProperty({ type: VolunteerRefView }) volunteer: VolunteerRefView;
  @ApiProperty({ description: 'the same number as in matching runs; the sum of the explanation' })
  score: number;
  @ApiProperty({ type: ScoreExplanationView }) explanation: ScoreExplanationView;
  @ApiProperty({ type: [SkillLevelView] }) skills: SkillLevelView[];
  @ApiProperty({ type: [LanguageLevelView] }) languages: LanguageLevelView[];
  @ApiProperty({ example: '2027-02-15' }) availableFrom: string;
  @ApiProperty({ example: '2027-09-30' }) availableTo: string;
  @ApiProperty() statement: string;
}

export class CandidatePageView {
  @ApiProperty({ type: [CandidateView] }) items: CandidateView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
