// Hand labels for 360 real sentences sampled (seeded) from the three data sets, each batch labelled before looking at
// predictions. Only references are stored ("dataset:row:sentence label", sentence = index from the fast splitter).
// 'dev': two batches of 120 whose errors led to rule changes (0.758 and 0.758 accuracy when first scored).
// 'test': a third batch of 120 drawn after the last change and scored once.
// Labels: G goal, P pain point, Q question, M motivation, O objection, X other. Rhetorical questions count as questions.
import type { LabelCode } from '../labelled-sentences.js';

export interface RealLabel {
  readonly dataset: 'nps' | 'alexa' | 'airline';
  readonly row: number;
  readonly sentence: number;
  readonly label: LabelCode;
  readonly split: 'dev' | 'test';
}

const DEV = [
  'nps:1784:0 P', 'nps:1939:1 P', 'nps:1348:0 P', 'nps:2034:0 X', 'nps:1171:0 P', 'nps:1802:0 P',
  'nps:675:0 P', 'nps:804:0 X', 'nps:502:0 P', 'nps:2252:1 P', 'nps:898:3 P', 'nps:1256:0 P',
  'nps:2364:0 X', 'nps:1530:0 P', 'nps:929:0 X', 'nps:1757:0 P', 'nps:550:0 X', 'nps:1233:0 P',
  'nps:1010:0 P', 'nps:1183:0 P', 'nps:331:0 P', 'nps:515:0 X', 'nps:1069:0 M', 'nps:488:0 X',
  'nps:1247:0 X', 'nps:1046:0 P', 'nps:1869:0 P', 'nps:905:0 P', 'nps:1438:0 X', 'nps:419:0 X',
  'nps:101:0 P', 'nps:620:0 P', 'nps:607:0 X', 'nps:167:0 X', 'nps:897:0 P', 'nps:1615:0 M',
  'nps:2015:0 P', 'nps:174:0 X', 'nps:832:0 O', 'nps:1840:0 P', 'alexa:562:1 P', 'alexa:2738:0 X',
  'alexa:3010:1 P', 'alexa:1367:0 X', 'alexa:759:0 G', 'alexa:2364:0 M', 'alexa:1699:0 P', 'alexa:2765:1 X',
  'alexa:1915:2 P', 'alexa:2397:0 P', 'alexa:2563:0 X', 'alexa:1333:0 P', 'alexa:1076:0 G', 'alexa:929:0 X',
  'alexa:972:1 P', 'alexa:1175:1 G', 'alexa:2159:1 X', 'alexa:804:0 P', 'alexa:429:0 X', 'alexa:1086:0 O',
  'alexa:2009:3 P', 'alexa:949:6 P', 'alexa:134:0 X', 'alexa:2095:1 P', 'alexa:1796:1 P', 'alexa:1990:0 X',
  'alexa:1306:2 P', 'alexa:1616:0 X', 'alexa:873:0 X', 'alexa:1570:0 X', 'alexa:1346:0 M', 'alexa:763:0 X',
  'alexa:2762:1 X', 'alexa:2458:0 X', 'alexa:1010:2 X', 'alexa:783:1 X', 'alexa:2834:1 P', 'alexa:2928:0 X',
  'alexa:2156:0 X', 'alexa:1091:0 X', 'airline:13621:0 Q', 'airline:5338:0 X', 'airline:10352:1 P', 'airline:13972:0 Q',
  'airline:11166:1 X', 'airline:12876:0 P', 'airline:14471:1 P', 'airline:649:1 X', 'airline:10929:0 Q', 'airline:13526:1 P',
  'airline:7955:1 P', 'airline:4023:0 X', 'airline:35:1 X', 'airline:4680:0 P', 'airline:6382:0 P', 'airline:9770:0 P',
  'airline:9164:0 P', 'airline:10123:0 P', 'airline:5013:0 P', 'airline:13409:1 X', 'airline:13521:0 Q', 'airline:11795:0 X',
  'airline:8532:0 G', 'airline:7577:0 P', 'airline:1457:0 P', 'airline:1091:0 Q', 'airline:11570:0 P', 'airline:11504:1 P',
  'airline:7770:0 Q', 'airline:11724:1 Q', 'airline:6697:0 G', 'airline:3223:0 P', 'airline:13071:2 Q', 'airline:11766:0 P',
  'airline:288:0 P', 'airline:8556:0 P', 'airline:13862:1 Q', 'airline:1275:0 P', 'airline:7532:2 X', 'airline:6023:0 X',
  'nps:90:0 P', 'nps:247:0 P', 'nps:1785:0 P', 'nps:415:0 X', 'nps:2008:8 P', 'nps:1116:0 P',
  'nps:163:0 X', 'nps:548:0 P', 'nps:980:0 P', 'nps:1190:1 X', 'nps:1051:0 P', 'nps:1483:0 M',
  'nps:2245:0 P', 'nps:1052:0 X', 'nps:531:0 P', 'nps:596:0 P', 'nps:1167:0 X', 'nps:97:0 P',
  'nps:368:0 P', 'nps:530:0 P', 'nps:840:0 P', 'nps:996:0 X', 'nps:2019:4 P', 'nps:940:1 P',
  'nps:352:0 X', 'nps:2179:0 Q', 'nps:543:0 X', 'nps:1465:0 P', 'nps:1138:0 P', 'nps:2008:4 P',
  'nps:2185:0 P', 'nps:1417:0 X', 'nps:803:0 Q', 'nps:2269:0 O', 'nps:2154:0 P', 'nps:2208:1 O',
  'nps:1805:0 X', 'nps:2266:0 P', 'nps:823:0 P', 'nps:1976:0 X', 'alexa:1925:0 X', 'alexa:704:1 X',
  'alexa:1689:0 O', 'alexa:1924:0 X', 'alexa:1132:1 X', 'alexa:1496:1 P', 'alexa:2184:0 X', 'alexa:2948:1 X',
  'alexa:952:0 X', 'alexa:1313:0 P', 'alexa:1280:2 M', 'alexa:2794:0 X', 'alexa:790:0 X', 'alexa:1315:1 X',
  'alexa:2714:0 X', 'alexa:1282:1 X', 'alexa:1982:4 X', 'alexa:746:0 X', 'alexa:2509:0 X', 'alexa:2424:1 G',
  'alexa:717:0 X', 'alexa:985:0 X', 'alexa:992:1 X', 'alexa:943:2 X', 'alexa:2705:0 X', 'alexa:1216:0 M',
  'alexa:1108:0 P', 'alexa:1651:0 P', 'alexa:370:0 P', 'alexa:2589:0 P', 'alexa:1832:1 X', 'alexa:2075:0 X',
  'alexa:2864:0 X', 'alexa:111:0 P', 'alexa:3023:0 X', 'alexa:2399:2 P', 'alexa:343:0 X', 'alexa:1328:1 X',
  'alexa:1207:0 X', 'alexa:974:0 X', 'airline:11478:0 Q', 'airline:7364:0 P', 'airline:5258:0 X', 'airline:350:0 P',
  'airline:11779:0 P', 'airline:11643:0 X', 'airline:6243:0 X', 'airline:1649:1 P', 'airline:8304:0 X', 'airline:218:1 Q',
  'airline:5544:1 X', 'airline:4400:0 P', 'airline:9982:1 P', 'airline:1251:0 P', 'airline:8803:0 P', 'airline:5167:1 Q',
  'airline:12834:0 P', 'airline:11735:0 M', 'airline:7624:0 Q', 'airline:5500:3 Q', 'airline:3950:0 X', 'airline:8066:1 X',
  'airline:2800:0 P', 'airline:2130:0 X', 'airline:14460:2 P', 'airline:13997:1 P', 'airline:3112:0 X', 'airline:14338:2 P',
  'airline:14042:0 Q', 'airline:6588:0 X', 'airline:4406:0 P', 'airline:13362:0 X', 'airline:8378:0 P', 'airline:2640:1 P',
  'airline:10223:1 P', 'airline:13639:0 X', 'airline:12273:0 P', 'airline:2771:1 X', 'airline:3772:0 X', 'airline:4438:1 P',
];

const TEST = [
  'nps:1686:0 P', 'nps:1241:0 P', 'nps:218:0 P', 'nps:1668:0 P', 'nps:927:0 X', 'nps:1907:0 P',
  'nps:1204:0 P', 'nps:1770:0 P', 'nps:1694:0 Q', 'nps:1800:0 X', 'nps:999:0 O', 'nps:1876:0 P',
  'nps:838:0 P', 'nps:1656:0 X', 'nps:504:2 X', 'nps:1244:0 X', 'nps:727:0 P', 'nps:1283:1 P',
  'nps:2236:0 M', 'nps:323:0 X', 'nps:752:0 X', 'nps:1226:0 X', 'nps:842:0 P', 'nps:234:0 X',
  'nps:564:0 P', 'nps:1102:5 P', 'nps:1714:0 X', 'nps:356:0 X', 'nps:1262:0 P', 'nps:814:0 P',
  'nps:1109:0 P', 'nps:569:0 P', 'nps:512:0 P', 'nps:857:0 M', 'nps:1546:0 P', 'nps:1689:0 P',
  'nps:2304:0 P', 'nps:970:0 P', 'nps:499:0 P', 'nps:355:0 X', 'alexa:1342:0 X', 'alexa:622:0 X',
  'alexa:79:1 X', 'alexa:1325:1 P', 'alexa:1607:0 X', 'alexa:1509:0 G', 'alexa:2838:0 X', 'alexa:2370:0 M',
  'alexa:2820:0 X', 'alexa:927:1 X', 'alexa:1033:0 P', 'alexa:1887:0 X', 'alexa:1698:0 P', 'alexa:1971:0 X',
  'alexa:2624:0 O', 'alexa:2498:0 X', 'alexa:2167:0 X', 'alexa:1966:2 X', 'alexa:1945:2 P', 'alexa:743:0 X',
  'alexa:2062:1 X', 'alexa:1826:0 P', 'alexa:1285:3 P', 'alexa:14:0 X', 'alexa:2373:0 X', 'alexa:319:1 X',
  'alexa:2576:0 X', 'alexa:1541:0 P', 'alexa:1703:1 G', 'alexa:1735:0 X', 'alexa:1134:0 X', 'alexa:1531:1 X',
  'alexa:1022:0 P', 'alexa:120:0 X', 'alexa:144:1 X', 'alexa:995:1 G', 'alexa:605:0 P', 'alexa:977:0 X',
  'alexa:779:0 X', 'alexa:242:0 X', 'airline:8176:0 X', 'airline:3710:0 P', 'airline:8364:1 X', 'airline:6206:0 P',
  'airline:912:0 P', 'airline:2095:1 P', 'airline:14341:0 Q', 'airline:11531:0 G', 'airline:1919:0 X', 'airline:2605:0 P',
  'airline:13575:0 Q', 'airline:7269:1 Q', 'airline:5365:0 X', 'airline:495:1 Q', 'airline:2381:0 P', 'airline:9733:2 G',
  'airline:12002:1 X', 'airline:2693:0 P', 'airline:12109:1 P', 'airline:5613:0 Q', 'airline:964:1 X', 'airline:3749:0 P',
  'airline:11777:0 X', 'airline:5943:0 P', 'airline:10546:0 P', 'airline:6362:1 X', 'airline:7401:0 P', 'airline:5080:0 X',
  'airline:9076:0 Q', 'airline:900:1 Q', 'airline:2185:2 P', 'airline:6858:0 X', 'airline:297:0 X', 'airline:10953:0 P',
  'airline:4015:0 Q', 'airline:3667:0 X', 'airline:9612:1 X', 'airline:7818:0 P', 'airline:11538:0 P', 'airline:5926:1 X',
];

const parse = (split: 'dev' | 'test') => (r: string): RealLabel => {
  const [ref, label] = r.split(' ') as [string, LabelCode];
  const [dataset, row, sentence] = ref.split(':') as ['nps' | 'alexa' | 'airline', string, string];
  return { dataset, row: Number(row), sentence: Number(sentence), label, split };
};

export const REAL_LABELS: readonly RealLabel[] = [...DEV.map(parse('dev')), ...TEST.map(parse('test'))];
