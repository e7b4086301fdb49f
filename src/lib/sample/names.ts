// Word lists that make the registers look like a real Yunnan county's: people, employers, activities.
import type { Rng } from './prng.ts';

// The most common surnames, roughly in order of frequency (earlier = picked more often).
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林',
  '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '潘',
  '袁', '蔡', '蒋', '余', '于', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任', '卢', '姚', '沈', '钟', '姜',
  '崔', '谭', '陆', '范', '汪', '廖', '石', '金', '韦', '贾', '夏', '付', '方', '邹', '熊', '白', '孟', '秦',
  '邱', '侯', '江', '尹', '薛', '闫', '段', '雷', '龙', '史', '陶', '贺', '毛', '郝', '顾', '龚', '邵', '万',
  '覃', '武', '钱', '戴', '严', '莫', '孔', '向', '常', '普', '者', '李', '杨', '字',
];
const GIVEN_M = '伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘';
const GIVEN_F = '秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';

const GIVEN_CHARS_M = [...GIVEN_M];
const GIVEN_CHARS_F = [...GIVEN_F];
export function personName(rng: Rng, gender: '男' | '女'): string {
  const u = rng.next();
  const surname = SURNAMES[Math.floor(u * u * SURNAMES.length)]!;
  const chars = gender === '男' ? GIVEN_CHARS_M : GIVEN_CHARS_F;
  return surname + rng.pick(chars) + (rng.chance(0.7) ? rng.pick(chars) : '');
}

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '157', '158', '159', '180', '181', '182', '183', '187', '188', '189'];
export function phone(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** Region codes (unique: ID numbers are built one-to-one from them). */
export const ID_REGIONS = ['530423', '530402', '530421', '530422', '530424', '530425', '530426', '530427', '530428', '530102', '530111', '532301', '532501', '533001', '510104', '520102', '500101'];

const WORD1 = '鑫源华泰宏达恒昌瑞丰盛兴永利金鼎隆顺安康汇通嘉禾晟博信达佳和新辉远航兴旺福临祥云聚德润泽天成锦程高原滇南玉溪星火翠湖';
const WORD1_PAIRS = Array.from({ length: WORD1.length / 2 }, (_, i) => WORD1.slice(i * 2, i * 2 + 2));
const TRADES = ['商贸', '建筑工程', '农业科技', '食品', '物流', '餐饮管理', '物业服务', '汽车维修', '烟草种植', '矿业', '建材', '电子科技', '酒店管理', '家政服务', '医药', '水泥', '茶业', '花卉', '运输', '劳务'];
const FORMS = ['有限公司', '有限公司', '有限公司', '有限责任公司', '股份有限公司', '专业合作社', '厂'];

export function unitName(rng: Rng, serial: number): string {
  const trade = rng.pick(TRADES);
  const form = trade === '花卉' || trade === '烟草种植' ? rng.pick(['专业合作社', '有限公司']) : rng.pick(FORMS);
  // The serial keeps names unique at any scale without a lookup table.
  const brand = rng.pick(WORD1_PAIRS) + (serial >= WORD1_PAIRS.length * TRADES.length ? String(serial) : '');
  return `云岭县${brand}${trade}${form}`;
}

export const STREETS = ['城关镇', '凤鸣街道', '龙泉街道', '玉屏镇', '青松镇', '河西镇', '白鹤乡', '翠峰乡'];
export const COMMUNITY_SUFFIX = ['社区', '社区', '村', '社区', '村'];
export const COMMUNITY_WORDS = ['东风', '新华', '和平', '南门', '北城', '西苑', '东园', '龙潭', '温泉', '石桥', '大营', '新村', '桃源', '太平', '红旗', '长安', '文昌', '清水', '上营', '下坝', '金马', '碧溪', '柳树', '月湖', '花园', '沙河', '中和', '永安', '万寿', '中山', '兴隆', '双龙', '黄坡', '马街', '松林', '竹园', '槐荫', '云台', '九龙', '北门'];

export const HARDSHIP_CAUSES = ['因病', '因病', '因残', '因子女就学', '因灾', '因意外事故', '单亲家庭', '失业', '家庭成员重病'];

export const ACTIVITY_TITLES: Record<string, string[]> = {
  training: ['职业技能培训班', '工会干部业务培训班', '安全生产知识培训', '电工技能培训班', '家政服务员培训班', '电子商务培训班', '创业培训班', '财务知识培训'],
  culture_sports: ['职工篮球赛', '职工气排球比赛', '“迎新春”职工文艺汇演', '职工健步走活动', '职工书画摄影展', '职工拔河比赛', '“三八”妇女节趣味运动会'],
  legal_education: ['劳动法律法规宣传月活动', '“尊法守法·携手筑梦”普法宣传', '《工会法》宣讲进企业', '民法典宣传活动'],
  labour_competition: ['职工技能大赛', '“当好主人翁”劳动竞赛', '岗位练兵技术比武', '焊工技能竞赛'],
  safety: ['“安康杯”知识竞赛', '安全生产月宣传活动', '消防应急演练'],
  volunteer: ['职工志愿服务进社区', '“工会送清凉”志愿服务', '义务植树活动'],
  congress: ['职工代表大会', '会员代表大会', '工会换届选举大会'],
  legal_aid: ['劳动争议调解服务', '农民工讨薪法律援助', '法律援助进工地'],
  other: ['职工之家建设观摩会', '“工会开放日”活动', '户外劳动者驿站揭牌'],
};
