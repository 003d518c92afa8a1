// The words of the simulated world: topics with their hashtags, caption templates and fillers.
// Captions only need to be plausible enough that content features (hashtags, caption words)
// carry the topic signal a real catalog would carry, with emoji and other scripts in the mix.

export interface TopicVocab {
  name: string;
  /** Hashtags without '#', most specific first. */
  tags: readonly string[];
  /** `{x}` is replaced by one of `fillers`, `{e}` by one of `emoji`. */
  templates: readonly string[];
  fillers: readonly string[];
  emoji: readonly string[];
  /** Watching it needs no shared language (music, pets, asmr): mismatched language costs less. */
  visual: boolean;
}

const t = (
  name: string,
  visual: boolean,
  tags: string[],
  emoji: string[],
  fillers: string[],
  templates: string[],
): TopicVocab => ({ name, visual, tags, emoji, fillers, templates });

export const TOPICS: readonly TopicVocab[] = [
  t(
    'comedy',
    false,
    ['comedy', 'funny', 'skit', 'lol', 'relatable', 'prank'],
    ['😂', '🤣', '💀'],
    ['my roommate', 'my mom', 'the group chat', 'Monday mornings', 'online meetings', 'my cat'],
    [
      'When {x} finally gets it {e}',
      'POV: {x} is judging you {e}',
      'Nobody: ... {x}: {e}',
      'Me explaining {x} to my friends {e}',
    ],
  ),
  t(
    'dance',
    true,
    ['dance', 'dancechallenge', 'choreo', 'kpopdance', 'tutorial'],
    ['💃', '🕺', '🔥'],
    ['this trend', 'the new challenge', 'my little sister', 'the whole team', 'grandma'],
    [
      'Learned {x} in 10 minutes {e}',
      'Did {x} with {x} {e}',
      'Tutorial for {x}, slowed down {e}',
      'Part 2 of {x} {e}',
    ],
  ),
  t(
    'food',
    false,
    ['food', 'recipe', 'cooking', 'pasta', 'easyrecipe', 'foodtok', 'baking'],
    ['🍝', '🍜', '🍰', '🥑'],
    [
      'the 3-ingredient pasta',
      'crispy garlic noodles',
      'a 5-minute breakfast',
      "grandma's lasagna",
      'street tacos',
      'matcha cheesecake',
    ],
    [
      'Tried {x} everyone is talking about {e}',
      'How to make {x} at home {e}',
      '{x} but make it healthy {e}',
      'Rating {x} honestly {e}',
    ],
  ),
  t(
    'pets',
    true,
    ['pets', 'dogsoftiktok', 'catsoftiktok', 'puppy', 'cute', 'goldenretriever'],
    ['🐶', '🐱', '🐾', '🥹'],
    ['my golden retriever', 'the new kitten', 'our rescue dog', 'a very dramatic husky', 'two bunnies'],
    [
      '{x} hearing the word walk {e}',
      'Day 1 vs day 100 with {x} {e}',
      '{x} has no idea what just happened {e}',
      'Bath time for {x} {e}',
    ],
  ),
  t(
    'travel',
    false,
    ['travel', 'traveltok', 'wanderlust', 'hiddengems', 'backpacking', 'roadtrip'],
    ['✈️', '🌍', '🏝️', '🗺️'],
    ['Lisbon', 'Kyoto', 'the Dolomites', 'Mexico City', 'a tiny Greek island', 'Iceland in winter'],
    [
      '3 days in {x} on a budget {e}',
      'Things nobody tells you about {x} {e}',
      'The view in {x} is unreal {e}',
      'Packing for {x} {e}',
    ],
  ),
  t(
    'fitness',
    false,
    ['fitness', 'gym', 'workout', 'gymtok', 'homeworkout', 'running'],
    ['💪', '🏋️', '🔥'],
    ['leg day', 'a 20-minute home workout', 'my first marathon', 'pull-up progress', 'core burner'],
    [
      '{x} that actually works {e}',
      'Try {x} with me {e}',
      '{x}: 6 months of progress {e}',
      'Stop doing {x} wrong {e}',
    ],
  ),
  t(
    'gaming',
    false,
    ['gaming', 'gamer', 'minecraft', 'fortnite', 'speedrun', 'gamingclips'],
    ['🎮', '🕹️', '👾'],
    ['this boss fight', 'a clutch 1v4', 'the hardest level', 'my new setup', 'a speedrun glitch'],
    ["I can't believe {x} worked {e}", '{x} in under a minute {e}', 'Rating {x} {e}', 'Wait for {x} {e}'],
  ),
  t(
    'music',
    true,
    ['music', 'cover', 'singing', 'guitar', 'piano', 'newmusic'],
    ['🎵', '🎸', '🎹', '🎤'],
    ['this song', 'a 90s classic', 'my original song', 'the viral sound', 'a lullaby'],
    [
      'Acoustic cover of {x} {e}',
      'Playing {x} on a 20-year-old piano {e}',
      'Wrote {x} in one night {e}',
      'Harmonies on {x} {e}',
    ],
  ),
  t(
    'beauty',
    false,
    ['beauty', 'makeup', 'skincare', 'grwm', 'makeuptutorial'],
    ['💄', '✨', '💅'],
    [
      'a 5-minute makeup look',
      'my night skincare routine',
      'drugstore dupes',
      'glass skin',
      'a bold red lip',
    ],
    [
      'GRWM: {x} {e}',
      '{x} for beginners {e}',
      "Testing {x} so you don't have to {e}",
      '{x} that changed my skin {e}',
    ],
  ),
  t(
    'fashion',
    false,
    ['fashion', 'ootd', 'outfitideas', 'thrift', 'streetwear', 'style'],
    ['👗', '👟', '🛍️'],
    ['thrifted jeans', 'a capsule wardrobe', 'one blazer styled 5 ways', 'winter layering', 'vintage finds'],
    ['Styling {x} {e}', '{x} under $50 {e}', 'Outfit check: {x} {e}', 'Thrift haul with {x} {e}'],
  ),
  t(
    'diy',
    false,
    ['diy', 'crafts', 'homedecor', 'woodworking', 'upcycle', 'lifehack'],
    ['🛠️', '🪚', '🏠'],
    ['an old dresser', 'a tiny balcony', 'leftover pallets', 'a rental kitchen', 'mason jars'],
    [
      'Turning {x} into something new {e}',
      '{x} makeover for $30 {e}',
      'Life hack with {x} {e}',
      'Before and after: {x} {e}',
    ],
  ),
  t(
    'science',
    false,
    ['science', 'physics', 'chemistry', 'space', 'learnontiktok', 'facts'],
    ['🔬', '🧪', '🚀', '🧠'],
    ['black holes', 'why the sky is blue', 'non-Newtonian fluids', 'the Mars rover', 'your gut bacteria'],
    [
      '{x} explained in 60 seconds {e}',
      'The science of {x} {e}',
      'A fact about {x} that breaks my brain {e}',
      'Experiment: {x} {e}',
    ],
  ),
  t(
    'sports',
    false,
    ['sports', 'football', 'basketball', 'soccer', 'highlights', 'nba'],
    ['⚽', '🏀', '🏆'],
    [
      'that last-second goal',
      'the best dunk of the season',
      'a 40-yard free kick',
      'the comeback',
      'a rookie',
    ],
    [
      '{x} from every angle {e}',
      'Nobody expected {x} {e}',
      'Breaking down {x} {e}',
      'Crowd reaction to {x} {e}',
    ],
  ),
  t(
    'cars',
    false,
    ['cars', 'carsoftiktok', 'jdm', 'supercar', 'restoration', 'ev'],
    ['🚗', '🏎️', '🔧'],
    ['a barn-find Mustang', 'the new EV', 'a 1989 Civic', 'an engine swap', 'a supercar launch'],
    ['Restoring {x} part 4 {e}', 'First drive in {x} {e}', '{x}: worth it? {e}', 'Cold start on {x} {e}'],
  ),
  t(
    'art',
    true,
    ['art', 'painting', 'drawing', 'artist', 'digitalart', 'timelapse'],
    ['🎨', '🖌️', '✏️'],
    ['an oil portrait', 'a tiny watercolor', 'a mural', 'my sketchbook', 'a realistic eye'],
    ['Painting {x} in one sitting {e}', 'Timelapse of {x} {e}', 'How I draw {x} {e}', 'Fixing {x} {e}'],
  ),
  t(
    'books',
    false,
    ['books', 'booktok', 'reading', 'bookrecommendations', 'fantasy'],
    ['📚', '📖', '☕'],
    ['a fantasy series', 'the book that made me cry', 'my 2026 reading list', 'a cozy mystery', 'classics'],
    ['Books like {x} {e}', 'Rating {x} out of 5 {e}', 'If you liked {x}, read this {e}', 'My shelf: {x} {e}'],
  ),
  t(
    'tech',
    false,
    ['tech', 'gadgets', 'coding', 'iphone', 'ai', 'setup'],
    ['💻', '📱', '🤖'],
    ['the new phone', 'a desk setup', 'a 10-line script', 'noise-cancelling earbuds', 'an AI tool'],
    ['Is {x} worth it? {e}', 'Unboxing {x} {e}', "{x} you didn't know you needed {e}", 'Coding {x} live {e}'],
  ),
  t(
    'parenting',
    false,
    ['parenting', 'momtok', 'dadtok', 'toddler', 'newborn', 'familylife'],
    ['👶', '🍼', '❤️'],
    ['bedtime with a toddler', 'the newborn phase', 'a picky eater', 'school mornings', 'twins'],
    [
      'Survival tips for {x} {e}',
      'Honest truth about {x} {e}',
      '{x} as a dad {e}',
      'What {x} really looks like {e}',
    ],
  ),
  t(
    'nature',
    true,
    ['nature', 'wildlife', 'hiking', 'outdoors', 'birds', 'forest'],
    ['🌲', '🦊', '🏔️', '🌊'],
    ['a fox family', 'sunrise on the ridge', 'a hidden waterfall', 'hummingbirds', 'the northern lights'],
    ['Caught {x} on camera {e}', 'Hiking to {x} {e}', '{x}, no music, just sound {e}', 'Found {x} today {e}'],
  ),
  t(
    'asmr',
    true,
    ['asmr', 'satisfying', 'relaxing', 'tingles', 'oddlysatisfying'],
    ['😴', '🫧', '✨'],
    ['soap cutting', 'kinetic sand', 'tapping sounds', 'pressure washing', 'slime'],
    ['{x} for sleep {e}', 'The most satisfying {x} {e}', '10 minutes of {x} {e}', '{x}, no talking {e}'],
  ),
];

/** Hashtags every topic borrows from, as real captions do. */
export const GENERIC_TAGS: readonly string[] = ['fyp', 'foryou', 'viral', 'trending', 'foryoupage'];
