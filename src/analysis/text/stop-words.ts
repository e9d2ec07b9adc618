// Stop words for key phrases: English function words plus filler common in reviews, tweets and survey answers.

const ENGLISH =
  "a about above after again against all almost along already also although always am among an and another any " +
  "anybody anyone anything anyway anyways anywhere are aren't around as at away be became because become been " +
  "before being below beside besides between beyond both but by can can't cannot could couldn't did didn't do " +
  "does doesn't doing don't done down during each either else enough etc even ever every everybody everyone " +
  "everything everywhere except few for from further had hadn't has hasn't have haven't having he he'd he'll he's " +
  "her here here's hers herself him himself his how how's however i i'd i'll i'm i've if in inside instead into " +
  "is isn't it it'd it'll it's its itself just least less let let's like likely many may maybe me might mine more " +
  "most mostly much must mustn't my myself near neither never next no nobody none nor not nothing now nowhere of " +
  "off often on once one only onto or other others otherwise ought our ours ourselves out outside over own per " +
  "perhaps quite rather really same several shall shan't she she'd she'll she's should shouldn't since so some " +
  "somebody someone something sometimes somewhat somewhere soon still such than that that's the their theirs them " +
  "themselves then there there's therefore these they they'd they'll they're they've this those though through " +
  "thru thus till to together too toward towards under unless until up upon us very via was wasn't we we'd we'll " +
  "we're we've were weren't what what's whatever when whenever where where's whereas wherever whether which while " +
  "who who's whoever whole whom whose why why's will with within without won't would wouldn't yet you you'd " +
  "you'll you're you've your yours yourself yourselves";

// Words that are everywhere in customer text and say nothing about a theme.
const CUSTOMER_TEXT =
  "im ive id dont doesnt didnt cant wont isnt wasnt arent u ur ya yall y'all pls plz thx thanks thank thankyou " +
  "please hi hello hey dear lol lmao omg haha hahaha ok okay yes yeah yep nope amp rt dm via get gets got " +
  "getting gotten go goes going gone went make makes made making say says said saying know knows knew think " +
  "thought want wants wanted need needs needed use used using try tried trying see seen saw look looks looking " +
  "come comes came coming take takes took taking give gives gave put keep kept let lets seem seems seemed " +
  "thing things stuff lot lots bit way ways kind sort time times day days today tonight yesterday tomorrow " +
  "week weeks month months year years hour hours minute minutes ago back well good great nice bad best better " +
  "worst really actually literally definitely absolutely totally pretty super sure also again ever new old " +
  "first last two three four five lil gonna wanna gotta ain't aint oh ah um hmm guys guy anyone folks people " +
  "everyone someone person thing would've could've should've yr yrs de la el en le";

export const STOP_WORDS: ReadonlySet<string> = new Set([...ENGLISH.split(' '), ...CUSTOMER_TEXT.split(' ')]);
