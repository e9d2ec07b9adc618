import { readAirlineTweets, readAlexaReviews, readNpsVerbatims, isDevRow } from './src/analysis/text/eval/datasets.js';
import { splitSentencesFast, splitSentencesWink } from './src/analysis/text/sentences.js';
const a = readAirlineTweets(), b = readAlexaReviews(), c = readNpsVerbatims();
console.log(a.length, b.length, c.length, a.filter(x=>isDevRow(x.index)).length);
const texts = [...a.map(x=>x.text), ...b.map(x=>x.text), ...c.map(x=>x.text)];
let t=Date.now(); const f = texts.map(splitSentencesFast); console.log('fast ms', Date.now()-t);
t=Date.now(); const w = texts.map(splitSentencesWink); console.log('wink ms', Date.now()-t);
let same=0, nf=0, nw=0; const diffs: string[] = [];
for (let i=0;i<texts.length;i++){ const x=f[i]!, y=w[i]!; nf+=x.length; nw+=y.length; if (x.join('|')===y.join('|')) same++; else if (diffs.length<25 && i%7===0) diffs.push('F: '+x.join(' || ')+'\nW: '+y.join(' || ')); }
console.log('identical docs', same/texts.length, 'sent fast', nf, 'wink', nw);
console.log(diffs.join('\n\n'));
